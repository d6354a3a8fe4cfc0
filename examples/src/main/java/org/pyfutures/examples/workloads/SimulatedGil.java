package org.pyfutures.examples.workloads;

/**
 * A CPU-bound job under a simulated global interpreter lock: the work runs in slices of a few milliseconds, each
 * inside a {@code static synchronized} method, so the class's monitor is released between slices exactly as
 * CPython releases its GIL every switch interval.
 *
 * <p>Threads of one JVM share this class, hence one lock: they take turns and the job does not run faster on more
 * threads. Each interpreter of an {@code InterpreterPoolExecutor} loads its own copy of the class, with its own
 * monitor, and each worker process has its own JVM: both run the slices in parallel.
 */
public final class SimulatedGil {
  /** Terms per slice: a few milliseconds of work on current hardware. */
  static final long SLICE = 8_000_000;

  private SimulatedGil() {}

  /**
   * Computes {@link Jobs#cpuJob(long)} holding the class's lock for each slice.
   *
   * @param n how many terms
   * @return the same sum as {@code Jobs.cpuJob(n)}
   */
  public static long lockedJob(long n) {
    long total = 0;
    for (long from = 0; from < n; from += SLICE) {
      total += lockedSlice(from, Math.min(n, from + SLICE));
    }
    return total;
  }

  /**
   * Computes the same job in the same slices without any lock: the control experiment.
   *
   * @param n how many terms
   * @return the same sum as {@code Jobs.cpuJob(n)}
   */
  public static long unlockedJob(long n) {
    long total = 0;
    for (long from = 0; from < n; from += SLICE) {
      total += Jobs.sumOfSquares(from, Math.min(n, from + SLICE));
    }
    return total;
  }

  private static synchronized long lockedSlice(long from, long to) {
    return Jobs.sumOfSquares(from, to);
  }
}
