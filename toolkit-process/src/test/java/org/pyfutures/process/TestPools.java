package org.pyfutures.process;

/** Pools as the tests build them. */
final class TestPools {
  private TestPools() {}

  /**
   * A builder for a test pool: the defaults, plus C1-only compilation in the workers. Tests start hundreds of
   * short-lived workers on two cores, where C2 compiler threads of concurrently starting JVMs compete; the flag
   * changes nothing the tests observe.
   */
  static ProcessPoolExecutor.Builder builder() {
    return ProcessPoolExecutor.builder().jvmOptions(java.util.List.of("-XX:TieredStopAtLevel=1"));
  }

  static ProcessPoolExecutor pool(int maxWorkers) {
    return builder().maxWorkers(maxWorkers).build();
  }
}
