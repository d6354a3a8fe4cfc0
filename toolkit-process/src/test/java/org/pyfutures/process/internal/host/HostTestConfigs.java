package org.pyfutures.process.internal.host;

import java.util.List;
import java.util.Map;
import org.pyfutures.process.OnWorkerDeath;

/** Pool configurations for host-side tests. */
final class HostTestConfigs {
  private HostTestConfigs() {}

  static PoolConfig config(int maxWorkers, OnWorkerDeath onDeath) {
    return new PoolConfig(
        maxWorkers,
        0,
        null,
        null,
        PoolConfig.defaultJavaExecutable(),
        PoolConfig.defaultClasspath(),
        List.of("-XX:TieredStopAtLevel=1"),
        Map.of(),
        false,
        PoolConfig.defaultLoader(),
        onDeath,
        null,
        0);
  }
}
