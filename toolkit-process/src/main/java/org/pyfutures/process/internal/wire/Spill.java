package org.pyfutures.process.internal.wire;

/**
 * Where a payload goes while it is being encoded, once it has grown past {@link #threshold()} bytes: straight into
 * shared memory, so that a large reply is never held in heap chunks and copied again. One payload at a time, by
 * the encoding thread; a spill ends with exactly one of {@link #finish}, {@link #abandon} or {@link #takeBack}.
 */
public interface Spill {
  /** Payload bytes after which the encoder offers the payload to this spill. */
  int threshold();

  /** Starts a payload; false if there is no room for it, and it stays on the heap. */
  boolean begin();

  /** Appends the next bytes of the payload; false if there is no more room, and the caller must {@link #takeBack}. */
  boolean append(byte[] bytes, int from, int length);

  /** Ends the payload and returns a copy of the bytes appended so far, which the caller keeps on the heap. */
  byte[] takeBack();

  /**
   * The payload is complete: returns the {@link Frame#SHARED} frame that points at it. For a reply, the frame's
   * {@link EncodedFrame#setReplyCost} writes the cost into the shared payload.
   */
  EncodedFrame finish(byte type, long id);

  /** Encoding failed: forgets the payload. */
  void abandon();
}
