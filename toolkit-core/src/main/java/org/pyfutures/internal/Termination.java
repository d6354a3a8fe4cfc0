package org.pyfutures.internal;

/** How every pool waits for its own termination in {@code shutdown(true, ...)} and {@code close()}. */
public final class Termination {
  private Termination() {}

  /** Something that terminates: a pool's {@code awaitTermination} in nanoseconds. */
  @FunctionalInterface
  public interface Awaitable {
    /**
     * Waits at most {@code nanos} for termination.
     *
     * @param nanos the most to wait
     * @return whether it terminated
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(long nanos) throws InterruptedException;
  }

  /**
   * Waits for termination like {@link java.util.concurrent.ExecutorService#close()}: if interrupted, stops running
   * work once and keeps waiting; the interrupt status is restored at the end.
   *
   * @param pool what to wait for
   * @param stopRunningWork called at the first interrupt
   */
  public static void awaitLikeClose(Awaitable pool, Runnable stopRunningWork) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(Long.MAX_VALUE)) {
          break;
        }
      } catch (InterruptedException e) {
        if (!interrupted) {
          stopRunningWork.run();
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
