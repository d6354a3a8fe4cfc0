package org.pyfutures.cluster.internal;

import com.hazelcast.core.IExecutorService;
import java.util.List;

/**
 * One Hazelcast call in flight: the tasks it carries to one member, which runs them in order, and once sent its
 * Hazelcast future. Every task in it is {@code RUNNING} from dispatch to reply.
 */
final class Batch {
  final CallId id;
  final List<WorkItem> items;
  final MemberState member;
  private final IExecutorService control;
  volatile java.util.concurrent.Future<byte[]> remote;

  Batch(CallId id, List<WorkItem> items, MemberState member, IExecutorService control) {
    this.id = id;
    this.items = items;
    this.member = member;
    this.control = control;
  }

  RemoteCall call() {
    byte[][] payloads = new byte[items.size()][];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = items.get(i).bytes;
    }
    return new RemoteCall(id, payloads);
  }

  /**
   * Stops {@code item}, whose future {@code cancel(true)} just cancelled. A call of one task is cancelled through
   * Hazelcast, which interrupts it on its member (or, if it is not sent yet, by the sender as soon as it is). In a
   * call of several, only that task is stopped, by a control request to the member: interrupted if it runs,
   * skipped if its turn has not come; its neighbours run on, as their results are still wanted. Never blocks.
   */
  void stop(WorkItem item) {
    if (items.size() == 1) {
      cancelIfCancelled();
      return;
    }
    try {
      control.executeOnMember(new CancelRequest(id, items.indexOf(item)), member.member);
    } catch (RuntimeException unreachable) {
      // The member or the connection is gone: the call fails, and the future is already cancelled.
    }
  }

  /**
   * Stops, once the call is sent, the tasks cancelled so far: a stopper that ran before the task knew its call, or
   * before the call was sent, did nothing or could not cancel it through Hazelcast. Stopping one twice is harmless.
   */
  void stopCancelled() {
    for (WorkItem item : items) {
      if (item.future.isCancelled()) {
        stop(item);
      }
    }
  }

  private void cancelIfCancelled() {
    java.util.concurrent.Future<byte[]> sent = remote;
    if (sent != null && items.size() == 1 && items.get(0).future.isCancelled()) {
      sent.cancel(true);
    }
  }
}
