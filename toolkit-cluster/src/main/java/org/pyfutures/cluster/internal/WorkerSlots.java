package org.pyfutures.cluster.internal;

import java.util.BitSet;

/**
 * Numbers the tasks running at once in this member, lowest free number first, so that a task's thread has a
 * stable name ({@code pyfutures-cluster-N}) whichever of Hazelcast's pooled threads runs it: one worker in
 * the sense of the other pools.
 */
final class WorkerSlots {
  private static final BitSet USED = new BitSet();

  private WorkerSlots() {}

  static synchronized int acquire() {
    int slot = USED.nextClearBit(0);
    USED.set(slot);
    return slot;
  }

  static synchronized void release(int slot) {
    USED.clear(slot);
  }
}
