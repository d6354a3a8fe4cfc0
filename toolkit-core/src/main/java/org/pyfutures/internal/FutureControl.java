package org.pyfutures.internal;

import java.util.Objects;
import org.pyfutures.Future;

/**
 * What executors in other packages may do to a {@link Future} beyond its public API: start it with a way to stop
 * its task, so that {@code cancel(true)} on the running future stops the task.
 */
public final class FutureControl {
  /** The one operation, installed by {@link Future}'s class initializer. */
  @FunctionalInterface
  public interface Starter {
    /** As {@link Future#setRunningOrNotifyCancel()}, also recording {@code stopper}. */
    boolean start(Future<?> future, Runnable stopper);
  }

  private static volatile Starter starter;

  private FutureControl() {}

  /**
   * Called once by {@link Future}.
   *
   * @param s the implementation
   */
  public static void install(Starter s) {
    if (starter == null) {
      starter = s;
    }
  }

  /**
   * Marks {@code future} running, as {@link Future#setRunningOrNotifyCancel()}, and records how to stop its task:
   * {@code cancel(true)} on the running future cancels it and runs {@code stopper} in the cancelling thread. The
   * stopper must not block, and must stop nothing if the task has already ended (the future may be cancelled as
   * its task completes); the executor discards the outcome of a task whose future was cancelled.
   *
   * @param future a future, constructed (so its class is initialized)
   * @param stopper stops the task; runs at most once
   * @return {@code true} if the task must run, {@code false} if the future was cancelled before it started
   * @throws IllegalStateException if the future is already running, finished, or notified of its cancellation
   */
  public static boolean setRunningOrNotifyCancel(Future<?> future, Runnable stopper) {
    Objects.requireNonNull(stopper, "stopper");
    return starter.start(future, stopper);
  }
}
