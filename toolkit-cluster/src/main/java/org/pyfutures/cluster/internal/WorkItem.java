package org.pyfutures.cluster.internal;

import org.pyfutures.Future;
import org.pyfutures.Task;

/** A submitted task: its future, its bytes, and once dispatched the member and Hazelcast future it went to. */
final class WorkItem {
  final Future<Object> future = new Future<>();
  final Task<?> task;
  final byte[] bytes;
  MemberState member;
  volatile java.util.concurrent.Future<byte[]> remote;

  WorkItem(Task<?> task, byte[] bytes) {
    this.task = task;
    this.bytes = bytes;
  }
}
