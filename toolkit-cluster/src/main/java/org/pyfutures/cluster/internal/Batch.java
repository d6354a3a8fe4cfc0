package org.pyfutures.cluster.internal;

import java.util.List;
import org.pyfutures.Future;

/**
 * One Hazelcast call in flight: the tasks it carries to one member, which runs them in order, and once sent its
 * Hazelcast future. Every task in it is {@code RUNNING} from dispatch to reply.
 */
final class Batch {
  final List<WorkItem> items;
  final MemberState member;
  volatile java.util.concurrent.Future<byte[]> remote;

  Batch(List<WorkItem> items, MemberState member) {
    this.items = items;
    this.member = member;
  }

  byte[][] payloads() {
    byte[][] payloads = new byte[items.size()][];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = items.get(i).bytes;
    }
    return payloads;
  }

  /**
   * Cancels the Hazelcast call, which interrupts it on its member, once every task it carries is cancelled: a
   * call is never stopped for the sake of some of its tasks, whose neighbours' results are still wanted. Called
   * by each task's stopper, after its future became cancelled, and by the sender once the call exists.
   */
  void cancelIfAllCancelled() {
    java.util.concurrent.Future<byte[]> sent = remote;
    if (sent == null) {
      return; // The sender calls again once it is sent.
    }
    for (WorkItem item : items) {
      Future.Status s = item.future.status();
      if (s != Future.Status.CANCELLED_AND_NOTIFIED && s != Future.Status.CANCELLED) {
        return;
      }
    }
    sent.cancel(true);
  }
}
