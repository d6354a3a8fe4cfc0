package org.pyfutures.cluster.internal;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calls running on this member, by id, so that a {@link CancelRequest} can stop one task of a call and none of
 * its neighbours. A cancel may arrive before its call starts (control requests travel apart from calls): it is kept
 * until the call starts, among at most {@link #MAX_EARLY} such cancels, the oldest forgotten first (a cancel for
 * a call that already ended is kept the same way, as the member cannot tell the two apart).
 */
final class RunningCalls {
  /** This member's calls. */
  static final RunningCalls MEMBER = new RunningCalls();

  static final int MAX_EARLY = 4096;

  // Guarded by this.
  private final Map<CallId, RunningCall> running = new HashMap<>();
  private final LinkedHashMap<CallId, BitSet> early =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CallId, BitSet> eldest) {
          return size() > MAX_EARLY;
        }
      };

  /** Registers a call starting on the current thread, with the cancels that arrived before it. */
  synchronized RunningCall start(CallId id) {
    BitSet cancelled = early.remove(id);
    RunningCall call = new RunningCall(Thread.currentThread(), cancelled != null ? cancelled : new BitSet());
    running.put(id, call);
    return call;
  }

  /** Forgets a call that ended. */
  synchronized void end(CallId id) {
    running.remove(id);
  }

  /** Cancels task {@code index} of call {@code id}, running, to come, or already ended. */
  void cancel(CallId id, int index) {
    RunningCall call;
    synchronized (this) {
      call = running.get(id);
      if (call == null) {
        early.computeIfAbsent(id, unknown -> new BitSet()).set(index);
        return;
      }
    }
    call.cancel(index);
  }
}
