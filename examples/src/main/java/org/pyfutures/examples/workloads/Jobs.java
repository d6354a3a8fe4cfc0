package org.pyfutures.examples.workloads;

/**
 * The task bodies the workloads submit, as static methods so that a method reference to them is a serializable
 * task that runs on every executor, copied or not.
 */
public final class Jobs {
  private Jobs() {}

  /**
   * Returns its argument: the smallest task, so that only the executor's overhead is measured.
   *
   * @param x any value
   * @param <T> its type
   * @return {@code x}
   */
  public static <T> T identity(T x) {
    return x;
  }

  /**
   * Returns its argument: W5's echo. It is not {@link #identity} because javac tells two serializable references
   * to one generic method apart only by erased signature, so {@code Jobs::identity} taken as a function of
   * {@code Integer} and as one of {@code byte[]} in the same class can come back as the wrong one when copied.
   *
   * @param bytes the payload
   * @return {@code bytes}
   */
  public static byte[] echo(byte[] bytes) {
    return bytes;
  }

  /**
   * The CPU-bound job of the peer script: the sum of {@code v * v} for {@code v} below {@code n}, wrapping on
   * overflow.
   *
   * @param n how many terms
   * @return the sum
   */
  public static long cpuJob(long n) {
    return sumOfSquares(0, n);
  }

  /**
   * The sum of {@code v * v} for {@code from <= v < to}, wrapping on overflow.
   *
   * @param from the first term
   * @param to one past the last term
   * @return the sum
   */
  public static long sumOfSquares(long from, long to) {
    long total = 0;
    for (long v = from; v < to; v++) {
      total += v * v;
    }
    return total;
  }

  /**
   * Blocks for a while, as an I/O-bound task does.
   *
   * @param millis how long to sleep
   * @return {@code millis}
   * @throws InterruptedException if interrupted while sleeping
   */
  public static long sleepFor(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  /**
   * Says where it ran: the thread, the JVM's pid and the class loader that loaded this class (an interpreter
   * has its own).
   *
   * @param x echoed back, to show an argument crossing the boundary
   * @return a short description
   */
  public static String whereAmI(int x) {
    ClassLoader loader = Jobs.class.getClassLoader();
    String loaderName = loader == null ? "bootstrap" : loader.getName() != null ? loader.getName()
        : loader.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    return "got " + x + " on thread " + Thread.currentThread().getName() + ", pid "
        + ProcessHandle.current().pid() + ", loader " + loaderName;
  }
}
