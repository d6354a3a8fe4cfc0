package org.pyfutures.cluster.internal;

import java.nio.ByteBuffer;

/**
 * Several byte arrays in one: a count, then each array's length and bytes. A member's answer to a call carries
 * one encoded reply per task this way, so that a reply that could not be encoded fails only its own task.
 */
final class Frames {
  private Frames() {}

  static byte[] join(byte[][] frames) {
    int size = Integer.BYTES;
    for (byte[] frame : frames) {
      size += Integer.BYTES + frame.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
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
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int count = in.getInt();
      if (count != expected) {
        throw new IllegalStateException("a member answered " + count + " replies to a call of " + expected);
      }
      byte[][] frames = new byte[count][];
      for (int i = 0; i < count; i++) {
        frames[i] = new byte[in.getInt()];
        in.get(frames[i]);
      }
      return frames;
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException truncated) {
      throw new IllegalStateException("a member's reply is truncated", truncated);
    }
  }
}
