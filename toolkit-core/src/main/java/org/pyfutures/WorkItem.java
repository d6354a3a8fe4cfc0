package org.pyfutures;

import org.pyfutures.internal.FutureControl;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.internal.WorkerContext;

/**
 * A queued task and its future (CPython's {@code _WorkItem}). The item is also its task's stopper: as a
 * {@link Runnable}, run by {@code cancel(true)}, it asks its pool to interrupt the worker running it, if one still
 * does.
 */
final class WorkItem<R> implements Runnable {
  private static final System.Logger LOG = System.getLogger("org.pyfutures");

  final Future<R> future;
  final Task<R> task;
  // How many tasks it counts as in the pool's stats: the elements of a map chunk.
  private final int weight;
  private final ThreadWorkers pool;

  WorkItem(Future<R> future, Task<R> task, int weight, ThreadWorkers pool) {
    this.future = future;
    this.task = task;
    this.weight = weight;
    this.pool = pool;
  }

  /**
   * Runs the task unless its future was cancelled, and completes the future.
   *
   * @param beforeCompletion runs after the task, just before the future completes: the worker announces
   *     itself idle there, so a caller woken by the result and submitting again reuses this worker
   * @param counters the worker's stats counters, where the completion is counted
   * @return whether the task ran (and {@code beforeCompletion} with it)
   */
  boolean run(WorkerContext context, Runnable beforeCompletion, StatsCounters.Local counters) {
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
      counters.completed(weight);
    } catch (InvalidStateException completedElsewhere) {
      // Cancelled with cancel(true), or completed by someone holding the future, while the task ran; that
      // outcome stands.
    } catch (Throwable listenerFailure) {
      // The future is complete; what escaped is a listener's, and must not cost the pool its worker.
      counters.completed(weight);
      LOG.log(System.Logger.Level.ERROR, "exception completing " + future, listenerFailure);
    }
    return true;
  }

  private boolean start() {
    try {
      return FutureControl.setRunningOrNotifyCancel(future, this);
    } catch (IllegalStateException completedElsewhere) {
      return false;
    }
  }

  /** The stopper, run by {@code cancel(true)} in the cancelling thread. */
  @Override
  public void run() {
    pool.interruptWorkerRunning(this);
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
