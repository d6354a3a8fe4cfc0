package org.pyfutures.cluster;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.cluster.internal.AllowList;
import org.pyfutures.cluster.internal.LocalCluster;
import org.pyfutures.contract.CopyingStatsContract;
import org.pyfutures.contract.ExecutorContract;
import org.pyfutures.contract.ExecutorFactory;

/**
 * The executor contract suite on a cluster of 2 local member JVMs. Starting members takes seconds, so the class
 * shares one cluster and each test gets a fresh executor on it through {@code hazelcast(instance)}.
 */
@Timeout(60)
@ExtendWith(NoLeftoverMembers.class)
class ClusterContractTest implements ExecutorContract, CopyingStatsContract {
  private static LocalCluster cluster;

  @BeforeAll
  @Timeout(120)
  static void startMembers() {
    cluster = LocalCluster.start(2, AllowList.of(List.of()));
  }

  @AfterAll
  static void stopMembers() {
    if (cluster != null) {
      cluster.close();
    }
  }

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
