package org.pyfutures.cluster.internal;

import java.util.concurrent.CancellationException;
import org.pyfutures.cluster.MemberLostException;

/**
 * The exception each task of a failed call gets: one of its own, as futures' exceptions gain suppressed exceptions
 * and tracebacks as they are handled, so one object shared by several futures would mix their stories.
 */
final class CallFailures {
  private CallFailures() {}

  /**
   * Returns task {@code index}'s exception for the failure of a call of {@code size} tasks. A member loss or a
   * cancellation keeps its type; any other failure of a call of several tasks is the cause of an
   * {@link IllegalStateException} of the task's own.
   */
  static Throwable forTask(Throwable failure, int index, int size) {
    if (failure instanceof MemberLostException lost) {
      return index == 0 ? lost : new MemberLostException(lost.getMessage(), lost.getCause());
    }
    if (failure instanceof CancellationException cancelled) {
      if (index == 0) {
        return cancelled;
      }
      CancellationException own = new CancellationException(cancelled.getMessage());
      own.initCause(cancelled.getCause());
      return own;
    }
    if (size == 1) {
      return failure;
    }
    return new IllegalStateException(
        "the Hazelcast call carrying this task and " + (size - 1) + " other(s) failed: " + failure, failure);
  }
}
