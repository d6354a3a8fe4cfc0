package org.pyfutures;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.pyfutures.internal.FutureControl;
import org.pyfutures.internal.WorkerContext;

/**
 * A queued task and its future (CPython's {@code _WorkItem}). The item is also its task's stopper: as a
 * {@link Runnable}, run by {@code cancel(true)}, it interrupts the worker thread while the task still runs.
 */
final class WorkItem<R> implements Runnable {
  private static final System.Logger LOG = System.getLogger("org.pyfutures");

  // The stopper's states. RUNNING until the task ends or the stopper fires, whichever comes first; a stopper that
  // fires holds INTERRUPTING while it interrupts, so the worker can wait for that interrupt to land before it
  // clears it. Once SETTLED, the stopper never touches the thread again.
  private static final int RUNNING = 0;
  private static final int INTERRUPTING = 1;
  private static final int SETTLED = 2;
  private static final VarHandle STOP_STATE;

  static {
    try {
      STOP_STATE = MethodHandles.lookup().findVarHandle(WorkItem.class, "stopState", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Future<R> future;
  final Task<R> task;
  private volatile int stopState;
  // Written before the future starts; the stopper reads it only after seeing the future RUNNING.
  private Thread runner;

  WorkItem(Future<R> future, Task<R> task) {
    this.future = future;
    this.task = task;
  }

  /**
   * Runs the task unless its future was cancelled, and completes the future. An interrupt that stopped the task
   * is cleared before this returns.
   *
   * @param beforeCompletion runs after the task, just before the future completes: the worker announces
   *     itself idle there, so a caller woken by the result and submitting again reuses this worker
   * @return whether the task ran (and {@code beforeCompletion} with it)
   */
  boolean run(WorkerContext context, Runnable beforeCompletion) {
    runner = Thread.currentThread();
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
    taskEnded();
    beforeCompletion.run();
    try {
      if (failure == null) {
        future.setResult(value);
      } else {
        future.setException(failure);
      }
    } catch (InvalidStateException completedElsewhere) {
      // Cancelled with cancel(true), or completed by someone holding the future, while the task ran; that
      // outcome stands.
    } catch (Throwable listenerFailure) {
      // The future is complete; what escaped is a listener's, and must not cost the pool its worker.
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

  /** The stopper, run by {@code cancel(true)} in the cancelling thread: interrupts the task if it still runs. */
  @Override
  public void run() {
    if (STOP_STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
      try {
        runner.interrupt();
      } finally {
        stopState = SETTLED;
      }
    }
  }

  /** After this, no interrupt from this item's stopper is pending or can still come. */
  private void taskEnded() {
    if (!STOP_STATE.compareAndSet(this, RUNNING, SETTLED)) {
      // The stopper fired: wait for its interrupt to land (it does not block), then clear it.
      while (stopState == INTERRUPTING) {
        Thread.yield();
      }
      Thread.interrupted();
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
