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
  private final ProcessPool pool;
  // Dropped once handed to a worker's writer, so a large payload is not held until the result arrives.
  private EncodedFrame frame;
  /** The worker it was dispatched to, until its reply arrives. Guarded by the pool's lock. */
  WorkerHandle worker;
  /** When its frame was written to the worker, for the task timeout; 0 before. Written by the worker's writer. */
  volatile long startedNanos;

  @SuppressWarnings("unchecked")
  WorkItem(ProcessPool pool, long id, Future<?> future, EncodedFrame frame) {
    this.pool = pool;
    this.id = id;
    this.future = (Future<Object>) future;
    this.frame = frame;
  }

  /** Returns the frame to send; called once, by the thread that dispatched the item. */
  EncodedFrame takeFrame() {
    EncodedFrame f = frame;
    frame = null;
    return f;
  }

  /** Returns the frame of an item that was never sent. */
  EncodedFrame unsentFrame() {
    return frame;
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
