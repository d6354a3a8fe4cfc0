package org.pyfutures.contract;

import org.pyfutures.Executor;
import org.pyfutures.Initializer;

/** Creates the executor under test for the contract suite; each module supplies one per executor kind. */
@FunctionalInterface
public interface ExecutorFactory {
  /**
   * Creates a fresh executor.
   *
   * @param maxWorkers the most workers it may use
   * @param initializer code to run in each worker first, or null
   * @return a new executor; the test closes it
   */
  Executor create(int maxWorkers, Initializer initializer);
}
