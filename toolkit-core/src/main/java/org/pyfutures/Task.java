package org.pyfutures;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A unit of work that returns a result and may throw: a {@link Callable} that is also {@link Serializable}, so
 * that one lambda or method reference runs unchanged on every executor, including those that copy the task
 * into another class loader or another process.
 *
 * <p>A lambda targeting this interface is serializable only if everything it captures is; a pool that must copy
 * a task reports a capture that cannot be copied when the task is submitted or, for an argument, through the
 * task's future.
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
