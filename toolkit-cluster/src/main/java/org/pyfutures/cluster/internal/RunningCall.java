package org.pyfutures.cluster.internal;

import java.util.BitSet;

/**
 * A call running on this member: the thread that runs its tasks in order, which one it runs now, and which ones
 * the host cancelled. The thread's interrupt status and {@link #current} change under this object's lock only,
 * so an interrupt meant for one task can reach neither a neighbour nor the thread's next call.
 */
final class RunningCall {
  private final Thread thread;
  private final BitSet cancelled;
  private int current = -1;

  RunningCall(Thread thread, BitSet cancelled) {
    this.thread = thread;
    this.cancelled = cancelled;
  }

  /** Marks task {@code index} running, unless it was cancelled: then it must be skipped. Called by the thread. */
  synchronized boolean begin(int index) {
    if (cancelled.get(index)) {
      return false;
    }
    current = index;
    return true;
  }

  /**
   * Marks the current task ended and clears the interrupt status, which a cancel of that task may have set as it
   * ended: after this no cancel interrupts the thread for it. Called by the thread.
   */
  synchronized void end() {
    current = -1;
    Thread.interrupted();
  }

  /** Cancels task {@code index}: interrupts it if it runs now, or has it skipped when its turn comes. */
  synchronized void cancel(int index) {
    cancelled.set(index);
    if (current == index) {
      thread.interrupt();
    }
  }
}
