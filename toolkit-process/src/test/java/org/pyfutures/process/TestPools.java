package org.pyfutures.process;

/** Pools as the tests build them. */
final class TestPools {
  private TestPools() {}

  /** A builder for a test pool: the defaults, which is what users get. */
  static ProcessPoolExecutor.Builder builder() {
    return ProcessPoolExecutor.builder();
  }

  static ProcessPoolExecutor pool(int maxWorkers) {
    return builder().maxWorkers(maxWorkers).build();
  }
}
