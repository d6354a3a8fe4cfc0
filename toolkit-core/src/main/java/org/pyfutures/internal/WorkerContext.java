package org.pyfutures.internal;

import org.pyfutures.Task;

/**
 * What one worker thread of a {@link org.pyfutures.ThreadPoolExecutor} runs its tasks through (CPython 3.14's
 * {@code WorkerContext}): the thread pool's context calls the task directly; the interpreter pool's context owns
 * an isolated class loader and copies each task into it.
 *
 * <p>A context is created for one worker thread and used only by that thread.
 */
public interface WorkerContext {
  /**
   * Prepares the worker before its first task; an exception breaks the pool.
   *
   * @throws Exception if the worker cannot run tasks
   */
  void initialize() throws Exception;

  /**
   * Runs one task (as prepared by {@link WorkerContextFactory#prepare}) and returns its result.
   *
   * @param task the task
   * @param <R> the result type
   * @return the result
   * @throws Exception the task's exception
   */
  <R> R run(Task<R> task) throws Exception;

  /** Called in the worker's thread when it is about to wait for work, as opposed to taking the next task at once. */
  default void idled() {}

  /** Releases what the worker holds when it exits; not called if {@link #initialize()} failed. */
  void close();
}
