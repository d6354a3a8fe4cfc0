package org.pyfutures;

import java.io.Serializable;

/**
 * A serializable function of two arguments that may throw, the shape of work given to
 * {@link Executor#submit(TaskBiFunction, Object, Object)} and
 * {@link Executor#map(TaskBiFunction, Iterable, Iterable)}.
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskBiFunction<A, B, R> extends Serializable {
  /**
   * Applies this function to two arguments.
   *
   * @param a the first argument, possibly {@code null}
   * @param b the second argument, possibly {@code null}
   * @return the result, possibly {@code null}
   * @throws Exception if the work fails
   */
  R apply(A a, B b) throws Exception;
}
