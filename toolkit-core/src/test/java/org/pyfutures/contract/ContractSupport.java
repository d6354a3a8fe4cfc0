package org.pyfutures.contract;

import org.pyfutures.Executor;
import org.pyfutures.Initializer;

/**
 * What every contract interface needs from the class that runs it: the executor under test. Tasks used by the
 * suite are static methods or serializable lambdas that coordinate only through a {@link Rendezvous}, so they
 * run unchanged in threads, interpreters and worker processes.
 */
public interface ContractSupport {
  /** Returns the factory of the executor under test. */
  ExecutorFactory executors();

  /** Creates an executor with {@code maxWorkers} workers and no initializer. */
  default Executor newExecutor(int maxWorkers) {
    return executors().create(maxWorkers, null);
  }

  /** Creates an executor with {@code maxWorkers} workers and an initializer. */
  default Executor newExecutor(int maxWorkers, Initializer initializer) {
    return executors().create(maxWorkers, initializer);
  }

  /** Identifies the worker running the calling task: process id and thread name. */
  static String workerIdentity() {
    return ProcessHandle.current().pid() + "/" + Thread.currentThread().getName();
  }
}
