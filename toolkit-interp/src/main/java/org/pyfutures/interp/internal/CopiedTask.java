package org.pyfutures.interp.internal;

import org.pyfutures.Task;
import org.pyfutures.internal.Serialization;

/**
 * A submitted task as the bytes the host wrote at submission; each interpreter reads its own copy of them.
 *
 * @param <R> the result type
 */
final class CopiedTask<R> implements Task<R> {
  private final byte[] bytes;
  // The caller's own result object for a runnable submitted with one: it never crosses.
  private final boolean keepsResult;
  private final R keptResult;

  CopiedTask(byte[] bytes) {
    this.bytes = bytes;
    this.keepsResult = false;
    this.keptResult = null;
  }

  CopiedTask(byte[] bytes, R keptResult) {
    this.bytes = bytes;
    this.keepsResult = true;
    this.keptResult = keptResult;
  }

  byte[] bytes() {
    return bytes;
  }

  /** What the future completes with when the task returned {@code copiedBack}. */
  R result(R copiedBack) {
    return keepsResult ? keptResult : copiedBack;
  }

  /**
   * Runs a fresh host copy of the task, as it was when submitted, in the calling thread: what the runnables from
   * {@code shutdownNow()} do.
   */
  @Override
  @SuppressWarnings("unchecked")
  public R call() throws Exception {
    Task<R> copy = (Task<R>) HostKryos.with(kryo -> Serialization.fromBytes(kryo, bytes));
    return copy.call();
  }
}
