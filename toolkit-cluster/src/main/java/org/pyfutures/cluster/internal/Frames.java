package org.pyfutures.cluster.internal;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * Several byte arrays in one: a count, then each array's length and bytes. A member's answer to a call carries
 * one encoded reply per task this way, so that a reply that could not be encoded fails only its own task.
 */
final class Frames {
  /**
   * The most bytes one joined answer may take: a little under the JVM's array limit, leaving room for the headers
   * Hazelcast adds when it copies the answer.
   */
  static final long MAX_BYTES = Integer.MAX_VALUE - 1024 * 1024;

  private Frames() {}

  /**
   * Joins {@code frames}; a frame that would take the answer past {@code maxBytes} is replaced by
   * {@code tooLarge.apply(index)}, so that one large reply fails its own task, not its whole call.
   *
   * @param frames the frames, in order; replaced frames are replaced in this array too
   * @param maxBytes the most bytes the answer may take
   * @param tooLarge a small frame standing for frame {@code index}, which did not fit
   */
  static byte[] join(byte[][] frames, long maxBytes, IntFunction<byte[]> tooLarge) {
    long size = Integer.BYTES;
    for (int i = 0; i < frames.length; i++) {
      long with = size + Integer.BYTES + frames[i].length;
      if (with > maxBytes) {
        frames[i] = tooLarge.apply(i);
        with = size + Integer.BYTES + frames[i].length;
      }
      size = with;
    }
    if (size > maxBytes) {
      throw new IllegalStateException("even the replacements of " + frames.length + " replies take " + size + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size);
    out.putInt(frames.length);
    for (byte[] frame : frames) {
      out.putInt(frame.length).put(frame);
    }
    return out.array();
  }

  /**
   * Splits what {@link #join} wrote.
   *
   * @throws IllegalStateException if {@code bytes} are not {@code expected} frames
   */
  static byte[][] split(byte[] bytes, int expected) {
    if (bytes == null) {
      throw new IllegalStateException("a member answered nothing to a call of " + expected);
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int count = in.getInt();
      if (count != expected) {
        throw new IllegalStateException("a member answered " + count + " replies to a call of " + expected);
      }
      byte[][] frames = new byte[count][];
      for (int i = 0; i < count; i++) {
        int length = in.getInt();
        // Checked before allocating: a corrupt length must not cost an array of up to 2 GiB.
        if (length < 0 || length > in.remaining()) {
          throw new IllegalStateException(
              "a member's reply is truncated: frame " + i + " claims " + length + " bytes, " + in.remaining()
                  + " remain");
        }
        frames[i] = new byte[length];
        in.get(frames[i]);
      }
      return frames;
    } catch (java.nio.BufferUnderflowException truncated) {
      throw new IllegalStateException("a member's reply is truncated", truncated);
    }
  }
}
