package org.pyfutures;

import java.io.Serializable;

/**
 * A serializable function of one argument that may throw, the shape of work given to
 * {@link Executor#submit(TaskFunction, Object)} and {@link Executor#map(TaskFunction, Iterable)}.
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<A, R> extends Serializable {
  /**
   * Applies this function to one argument.
   *
   * @param arg the argument, possibly {@code null}
   * @return the result, possibly {@code null}
   * @throws Exception if the work fails
   */
  R apply(A arg) throws Exception;
}
