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

  /**
   * Stops the running task for {@code cancel(true)}: its future is already cancelled, and its call is cancelled
   * through Hazelcast (which interrupts it on its member) if it carries no other task still wanted. If the call
   * has not been sent yet, the sender cancels it as soon as it is.
   */
  @Override
  public void run() {
    Batch sent = batch;
    if (sent != null) {
      sent.cancelIfAllCancelled();
    }
  }
}
