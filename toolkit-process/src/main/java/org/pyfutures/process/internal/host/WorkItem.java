package org.pyfutures.process.internal.host;

import org.pyfutures.Future;
import org.pyfutures.process.internal.wire.EncodedFrame;

/**
 * A submitted task (CPython's {@code _WorkItem}): its id, its future and its encoded frame until sent. It is also
 * the stopper its future runs for {@code cancel(true)} once it is running.
 */
final class WorkItem implements Runnable {
  final long id;
  final Future<Object> future;
  /** How many tasks it counts as in the pool's stats: the elements of a map chunk. */
  final int weight;
  private final ProcessPool pool;
  // Kept until the task starts in its worker (it may have to be sent again to another worker until then), then
  // dropped, so a large payload is not held until the result arrives. Guarded by the pool's lock.
  private EncodedFrame frame;
  /** The worker it was dispatched to, until its reply arrives. Guarded by the pool's lock. */
  WorkerHandle worker;
  /** When it became the task its worker runs (first in its pipe), or 0. Guarded by the pool's lock. */
  long headNanos;
  /** When its worker is killed if this cancelled task still runs, or 0 (see ProcessPool). Guarded by the lock. */
  long cancelGraceEndNanos;
  /** Dispatched before, and back in the queue: its future is RUNNING already. Guarded by the pool's lock. */
  boolean requeued;
  /** When its frame was written to the worker, or 0. Written by the worker's writer. */
  volatile long writtenNanos;
  // The caller's own result object for a runnable submitted with one: it never crosses.
  private boolean keepsResult;
  private Object keptResult;

  @SuppressWarnings("unchecked")
  WorkItem(ProcessPool pool, long id, Future<?> future, EncodedFrame frame, int weight) {
    this.weight = weight;
    this.pool = pool;
    this.id = id;
    this.future = (Future<Object>) future;
    this.frame = frame;
  }

  /** Completes the future with {@code result} instead of what the worker sends back. Called before dispatch. */
  void keepResult(Object result) {
    keepsResult = true;
    keptResult = result;
  }

  /** What the future completes with when the task returned {@code copiedBack}. */
  Object result(Object copiedBack) {
    return keepsResult ? keptResult : copiedBack;
  }

  /** Returns the frame, for sending or for running a task that never started. */
  EncodedFrame frame() {
    return frame;
  }

  /** The task started in its worker: it will never be sent again. */
  void started(long nanos) {
    headNanos = nanos;
    frame = null;
  }

  /** When the task started in its worker, for its timeout: written, and first in its worker's pipe; else 0. */
  long startNanos() {
    long written = writtenNanos;
    return written == 0 || headNanos == 0 ? 0 : Math.max(written, headNanos);
  }

  /** Stops the running task: {@code cancel(true)} on its future got here. */
  @Override
  public void run() {
    pool.stopCancelled(this);
  }

  @Override
  public String toString() {
    return "task " + id;
  }
}
