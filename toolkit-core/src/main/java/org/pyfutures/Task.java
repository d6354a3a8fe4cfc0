package org.pyfutures;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A unit of work that returns a result and may throw: a {@link Callable} that is also {@link Serializable}, so
 * that one lambda or method reference runs unchanged on every executor, including those that copy the task
 * into another class loader or another process.
 *
 * <p>A pool that copies tasks copies a lambda's captured values the way it copies arguments (with Kryo); a
 * captured value that cannot be copied is reported when the task is submitted.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Task<R> extends Callable<R>, Serializable {
  /**
   * Computes the result.
   *
   * @return the result, possibly {@code null}
   * @throws Exception if the work fails; the failure completes the task's future
   */
  @Override
  R call() throws Exception;
}
