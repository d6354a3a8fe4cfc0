package org.pyfutures.cluster.internal;

import org.pyfutures.Future;
import org.pyfutures.Task;

/** A submitted task: its future, its bytes, and once dispatched the call that carries it. */
final class WorkItem implements Runnable {
  final Future<Object> future = new Future<>();
  final Task<?> task;
  final byte[] bytes;
  volatile Batch batch;

  WorkItem(Task<?> task, byte[] bytes) {
    this.task = task;
    this.bytes = bytes;
  }

  /** Stops the running task for {@code cancel(true)}, whose future is already cancelled: see {@link Batch#stop}. */
  @Override
  public void run() {
    Batch call = batch;
    if (call != null) {
      call.stop(this);
    }
  }
}
