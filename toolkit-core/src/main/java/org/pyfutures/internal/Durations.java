package org.pyfutures.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Timeout arithmetic shared by every wait: negative means "check now", huge saturates. */
public final class Durations {
  private Durations() {}

  /**
   * Converts a timeout to nanoseconds, treating a negative timeout as zero and saturating at
   * {@link Long#MAX_VALUE}.
   *
   * @param timeout the timeout, not null
   * @return the timeout in nanoseconds, never negative
   */
  public static long toNanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      return 0;
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Returns the {@link System#nanoTime()} deadline for a timeout that starts now, saturating on overflow.
   *
   * @param timeout the timeout, not null
   * @return the deadline
   */
  public static long deadline(Duration timeout) {
    long nanos = toNanos(timeout);
    long now = System.nanoTime();
    long deadline = now + nanos;
    return deadline - now < 0 ? now + Long.MAX_VALUE : deadline;
  }

  /**
   * Returns the {@link System#nanoTime()} deadline for a timeout that starts now, given as a count of
   * {@code unit}s: negative means now, and a timeout too large for nanoseconds saturates.
   *
   * @param timeout the timeout
   * @param unit its unit, not null
   * @return the deadline
   */
  public static long deadline(long timeout, TimeUnit unit) {
    return deadline(Duration.ofNanos(Objects.requireNonNull(unit, "unit").toNanos(timeout)));
  }
}
