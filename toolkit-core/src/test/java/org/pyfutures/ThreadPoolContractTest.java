package org.pyfutures;

import org.pyfutures.contract.ExecutorContract;
import org.pyfutures.contract.ExecutorFactory;

/** The executor contract suite on a thread pool of platform threads. */
class ThreadPoolContractTest implements ExecutorContract {
  @Override
  public ExecutorFactory executors() {
    return (maxWorkers, initializer) -> {
      ThreadPoolExecutor.Builder builder = ThreadPoolExecutor.builder().maxWorkers(maxWorkers);
      if (initializer != null) {
        builder.initializer(initializer);
      }
      return builder.build();
    };
  }
}
