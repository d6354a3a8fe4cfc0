package org.pyfutures.examples;

/** Wall-clock measurement helpers: the best of a few runs, as the CPython peer measures. */
public final class Timing {
  private Timing() {}

  /** Work to time. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs the work once.
     *
     * @throws Exception if the work fails, which aborts the measurement
     */
    void run() throws Exception;
  }

  /**
   * Runs {@code body} {@code reps} times and returns the fastest run.
   *
   * @param reps how many runs, at least 1
   * @param body the work
   * @return the best time in seconds
   * @throws Exception if a run fails
   */
  public static double best(int reps, Body body) throws Exception {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < Math.max(1, reps); i++) {
      best = Math.min(best, once(body));
    }
    return best;
  }

  /**
   * Runs {@code body} once.
   *
   * @param body the work
   * @return the time in seconds
   * @throws Exception if the run fails
   */
  public static double once(Body body) throws Exception {
    long start = System.nanoTime();
    body.run();
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Runs {@code body} at least once and then again until {@code millis} have passed, so that the JIT has compiled
   * the hot paths before anything is timed: a fast body runs many times, a slow one once.
   *
   * @param millis the warm-up budget
   * @param body the work
   * @throws Exception if a run fails
   */
  public static void warmUp(long millis, Body body) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    do {
      body.run();
    } while (System.nanoTime() < end);
  }
}
