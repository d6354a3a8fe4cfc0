package org.pyfutures.process;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.contract.ExecutorContract;
import org.pyfutures.contract.ExecutorFactory;

/** The executor contract suite on a process pool of real worker JVMs. */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class ProcessPoolContractTest implements ExecutorContract {
  @Override
  public ExecutorFactory executors() {
    return (maxWorkers, initializer) -> {
      ProcessPoolExecutor.Builder builder = TestPools.builder().maxWorkers(maxWorkers);
      if (initializer != null) {
        builder.initializer(initializer);
      }
      return builder.build();
    };
  }
}
