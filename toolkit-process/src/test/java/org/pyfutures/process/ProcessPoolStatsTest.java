package org.pyfutures.process;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.contract.CopyingStatsContract;
import org.pyfutures.contract.ExecutorFactory;

/** {@code stats()} on a process pool: the worker's cost arrives with each reply. */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class ProcessPoolStatsTest implements CopyingStatsContract {
  @Override
  public ExecutorFactory executors() {
    return (maxWorkers, initializer) -> TestPools.builder().maxWorkers(maxWorkers).build();
  }
}
