package org.pyfutures.internal;

import org.pyfutures.BrokenExecutorException;
import org.pyfutures.Task;

/** Creates the {@link WorkerContext} of each worker of a pool, and everything else that varies with it. */
public interface WorkerContextFactory {
  /**
   * Creates the context for a new worker thread; called in the thread that starts the worker.
   *
   * @param stats the worker's counters: the context records the time inside task bodies and, if it copies, the
   *     bytes and copy time of each call, from the worker thread only
   * @return a fresh context
   */
  WorkerContext newContext(StatsCounters.Local stats);

  /**
   * Prepares a task in the submitting thread (for example, copies it); an exception here rejects the
   * submission.
   *
   * @param task the submitted task
   * @param stats the pool's counters, for the bytes and time of a copy
   * @param <R> the result type
   * @return what the worker's context will run
   */
  default <R> Task<R> prepare(Task<R> task, StatsCounters stats) {
    return task;
  }

  /**
   * Creates the exception for a pool broken by a failed {@link WorkerContext#initialize()}; called for a fresh
   * instance for each future and each rejected submission.
   *
   * @param cause the initializer's exception
   * @return the exception, its message saying that the pool is not usable anymore
   */
  BrokenExecutorException broken(Throwable cause);

  /**
   * Called once when the pool has terminated, after every worker's context was closed.
   */
  default void terminated() {}
}
