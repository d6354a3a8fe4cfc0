package org.pyfutures.process.internal.wire;

/**
 * A frame's payload could not be decoded; the stream is still in step (the rest of the payload was skipped), so
 * only the task the frame belongs to is affected.
 */
public final class UndecodablePayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  UndecodablePayloadException(Throwable cause) {
    super(cause);
  }
}
