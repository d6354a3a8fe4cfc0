package org.pyfutures.cluster;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.cluster.internal.AllowList;
import org.pyfutures.cluster.internal.LocalCluster;

/**
 * A test class whose tests share one cluster of 2 local member JVMs, since starting members takes seconds; each
 * test builds its own executor on it through {@code hazelcast(cluster.client())}.
 */
@Timeout(60)
@ExtendWith(NoLeftoverMembers.class)
abstract class SharedClusterTest {
  static LocalCluster cluster;

  @BeforeAll
  @Timeout(120)
  static void startMembers() {
    cluster = LocalCluster.start(2, AllowList.of(List.of()));
  }

  @AfterAll
  static void stopMembers() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
