package org.pyfutures.cluster.internal;

import org.pyfutures.Future;
import org.pyfutures.Task;

/** A submitted task: its future, its bytes, and once dispatched the member and Hazelcast future it went to. */
final class WorkItem implements Runnable {
  final Future<Object> future = new Future<>();
  final Task<?> task;
  final byte[] bytes;
  MemberState member;
  volatile java.util.concurrent.Future<byte[]> remote;

  WorkItem(Task<?> task, byte[] bytes) {
    this.task = task;
    this.bytes = bytes;
  }

  /**
   * Stops the running task for {@code cancel(true)}: Hazelcast cancels it, which interrupts it on its member. If
   * it has not been sent yet, the sender cancels it as soon as it is.
   */
  @Override
  public void run() {
    java.util.concurrent.Future<byte[]> sent = remote;
    if (sent != null) {
      sent.cancel(true);
    }
  }
}
