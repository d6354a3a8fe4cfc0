package org.pyfutures.interp;

import org.junit.jupiter.api.Timeout;
import org.pyfutures.contract.CopyingStatsContract;
import org.pyfutures.contract.ExecutorFactory;

/** {@code stats()} on an interpreter pool. */
@Timeout(60)
class InterpreterPoolStatsTest implements CopyingStatsContract {
  @Override
  public ExecutorFactory executors() {
    return (maxWorkers, initializer) -> new InterpreterPoolExecutor(maxWorkers);
  }
}
