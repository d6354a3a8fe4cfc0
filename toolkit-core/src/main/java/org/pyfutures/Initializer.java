package org.pyfutures;

import java.io.Serializable;

/**
 * Serializable code that runs once in each worker before the worker takes its first task: in each thread of a
 * {@link ThreadPoolExecutor}, in each interpreter of an interpreter pool, in each worker JVM of a process pool.
 *
 * <p>If it throws, the pool becomes broken: futures still queued fail with the pool's
 * {@link BrokenExecutorException} subclass and every later submission throws it.
 */
@FunctionalInterface
public interface Initializer extends Serializable {
  /**
   * Prepares the current worker.
   *
   * @throws Exception to mark the pool as broken
   */
  void run() throws Exception;
}
