package org.pyfutures;

import org.pyfutures.internal.WorkerContext;

/** A queued task and its future (CPython's {@code _WorkItem}). */
final class WorkItem<R> {
  private static final System.Logger LOG = System.getLogger("org.pyfutures");

  final Future<R> future;
  final Task<R> task;

  WorkItem(Future<R> future, Task<R> task) {
    this.future = future;
    this.task = task;
  }

  /**
   * Runs the task unless its future was cancelled, and completes the future.
   *
   * @param beforeCompletion runs after the task, just before the future completes: the worker announces
   *     itself idle there, so a caller woken by the result and submitting again reuses this worker
   * @return whether the task ran (and {@code beforeCompletion} with it)
   */
  boolean run(WorkerContext context, Runnable beforeCompletion) {
    if (!start()) {
      return false;
    }
    R value = null;
    Throwable failure = null;
    try {
      value = context.run(task);
    } catch (Throwable t) {
      failure = t;
    }
    beforeCompletion.run();
    try {
      if (failure == null) {
        future.setResult(value);
      } else {
        future.setException(failure);
      }
    } catch (InvalidStateException completedElsewhere) {
      // Someone holding the future completed it while the task ran; their outcome stands.
    } catch (Throwable listenerFailure) {
      // The future is complete; what escaped is a listener's, and must not cost the pool its worker.
      LOG.log(System.Logger.Level.ERROR, "exception completing " + future, listenerFailure);
    }
    return true;
  }

  private boolean start() {
    try {
      return future.setRunningOrNotifyCancel();
    } catch (IllegalStateException completedElsewhere) {
      return false;
    }
  }

  /** The task as a {@link Runnable}, for {@link java.util.concurrent.ExecutorService#shutdownNow()}. */
  Runnable asRunnable() {
    return () -> {
      try {
        task.call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    };
  }
}
