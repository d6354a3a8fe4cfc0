package org.pyfutures.cluster;

import org.pyfutures.contract.CopyingStatsContract;
import org.pyfutures.contract.ExecutorContract;
import org.pyfutures.contract.ExecutorFactory;

/**
 * The executor contract suite on a cluster of 2 local member JVMs. Starting members takes seconds, so the class
 * shares one cluster and each test gets a fresh executor on it through {@code hazelcast(instance)}.
 */
class ClusterContractTest extends SharedClusterTest implements ExecutorContract, CopyingStatsContract {
  @Override
  public ExecutorFactory executors() {
    return (maxWorkers, initializer) -> {
      ClusterExecutor.Builder builder = ClusterExecutor.builder().hazelcast(cluster.client()).maxWorkers(maxWorkers);
      if (initializer != null) {
        builder.initializer(initializer);
      }
      return builder.build();
    };
  }
}
