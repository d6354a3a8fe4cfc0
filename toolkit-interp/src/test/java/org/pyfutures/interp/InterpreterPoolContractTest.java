package org.pyfutures.interp;

import org.pyfutures.contract.ExecutorContract;
import org.pyfutures.contract.ExecutorFactory;

/** The executor contract suite on an interpreter pool. */
class InterpreterPoolContractTest implements ExecutorContract {
  @Override
  public ExecutorFactory executors() {
    return (maxWorkers, initializer) -> {
      InterpreterPoolExecutor.Builder builder = InterpreterPoolExecutor.builder().maxWorkers(maxWorkers);
      if (initializer != null) {
        builder.initializer(initializer);
      }
      return builder.build();
    };
  }
}
