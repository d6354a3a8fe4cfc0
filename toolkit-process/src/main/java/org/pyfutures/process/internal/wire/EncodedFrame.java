package org.pyfutures.process.internal.wire;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A frame ready to write: header and payload in chunks, the header at the start of the first, so that a small
 * frame leaves in a single write and a large one is never copied into one array.
 */
public final class EncodedFrame {
  private final byte[][] chunks;
  private final int[] lengths;
  private final long length;
  /** For a {@link Frame#SHARED} reply: the start of its payload in the mapping, where its cost goes. */
  private ByteBuffer sharedCost;

  private EncodedFrame(byte[][] chunks, int[] lengths, long length) {
    this.chunks = chunks;
    this.lengths = lengths;
    this.length = length;
  }

  /**
   * Serializes {@code value} with its class into a new frame.
   *
   * @throws RuntimeException or any error from serializing {@code value}; the Kryo must then be discarded
   */
  public static EncodedFrame of(Kryo kryo, byte type, long id, Object value) {
    ChunkedOutput output = new ChunkedOutput();
    output.setPosition(Frame.HEADER_BYTES);
    try {
      kryo.writeClassAndObject(output, value);
    } finally {
      kryo.reset();
    }
    return output.seal(type, id, Frame.HEADER_BYTES);
  }

  /**
   * Serializes a task's result or failure into a new reply frame, leaving room for its cost at the start of the
   * payload (see {@link Frame}), to be filled in by {@link #setReplyCost}.
   *
   * @throws RuntimeException or any error from serializing {@code value}; the Kryo must then be discarded
   */
  public static EncodedFrame ofReply(Kryo kryo, byte type, long id, Object value) {
    return ofReply(kryo, type, id, value, null);
  }

  /**
   * As {@link #ofReply(Kryo, byte, long, Object)}, but a payload that outgrows {@code spill}'s threshold is encoded
   * into it as it grows, and the frame returned is then the spill's {@link Frame#SHARED} frame.
   *
   * @param spill where a large payload goes, or null
   */
  public static EncodedFrame ofReply(Kryo kryo, byte type, long id, Object value, Spill spill) {
    ChunkedOutput output = new ChunkedOutput(spill, Frame.HEADER_BYTES);
    output.setPosition(Frame.HEADER_BYTES + Frame.REPLY_COST_BYTES);
    return encodeReply(output, kryo, type, id, value);
  }

  static EncodedFrame encodeReply(ChunkedOutput output, Kryo kryo, byte type, long id, Object value) {
    boolean done = false;
    try {
      kryo.writeClassAndObject(output, value);
      done = true;
    } finally {
      kryo.reset();
      if (!done) {
        output.abandon();
      }
    }
    return output.seal(type, id, Frame.HEADER_BYTES);
  }

  /**
   * Writes the task's cost into a frame from {@link #ofReply}: into the first chunk, which always holds it, or into
   * the shared payload. Called before the frame is written.
   */
  public void setReplyCost(long copyNanos, long runNanos) {
    if (sharedCost != null) {
      sharedCost.putLong(0, copyNanos);
      sharedCost.putLong(8, runNanos);
      return;
    }
    Frame.putLong(chunks[0], Frame.HEADER_BYTES, copyNanos);
    Frame.putLong(chunks[0], Frame.HEADER_BYTES + 8, runNanos);
  }

  /** Returns the array that holds the header. */
  byte[] firstChunk() {
    return chunks[0];
  }

  /** Returns the payload length in bytes. */
  public long payloadLength() {
    return length - Frame.HEADER_BYTES;
  }

  /** Returns the frame's type. */
  public byte type() {
    return chunks[0][4];
  }

  /** Returns the frame's task id, or 0. */
  public long id() {
    return Frame.getLong(chunks[0], 5);
  }

  /** Copies the payload, without the header, into {@code target} at {@code at}; the target's position is kept. */
  public void copyPayloadTo(ByteBuffer target, int at) {
    int to = at;
    for (int i = 0; i < chunks.length; i++) {
      int skip = i == 0 ? Frame.HEADER_BYTES : 0;
      target.put(to, chunks[i], skip, lengths[i] - skip);
      to += lengths[i] - skip;
    }
  }

  /**
   * A {@link Frame#SHARED} frame: it tells the receiver that the payload of a {@code type} frame for {@code id},
   * {@code length} bytes, lies in the sender's mapping {@code generation} at {@code position}.
   */
  public static EncodedFrame ofShared(byte type, long id, int generation, long position, int length) {
    return ofShared(type, id, generation, position, length, null);
  }

  /**
   * A {@link Frame#SHARED} reply whose {@link #setReplyCost} writes into {@code payload}, the first bytes of its
   * payload in the mapping.
   */
  public static EncodedFrame ofShared(
      byte type, long id, int generation, long position, int length, ByteBuffer payload) {
    byte[] buffer = new byte[Frame.HEADER_BYTES + Frame.SHARED_DESCRIPTOR_BYTES];
    Frame.putInt(buffer, Frame.HEADER_BYTES, generation);
    Frame.putLong(buffer, Frame.HEADER_BYTES + 4, position);
    Frame.putInt(buffer, Frame.HEADER_BYTES + 12, length);
    EncodedFrame frame =
        seal(
            new byte[][] {buffer}, new int[] {buffer.length}, buffer.length, (byte) (type | Frame.SHARED), id,
            Frame.HEADER_BYTES);
    frame.sharedCost = payload;
    return frame;
  }

  /** Wraps raw payload bytes in a frame. */
  public static EncodedFrame ofPayload(byte type, long id, byte[] payload) {
    byte[] buffer = new byte[Frame.HEADER_BYTES + payload.length];
    System.arraycopy(payload, 0, buffer, Frame.HEADER_BYTES, payload.length);
    return seal(new byte[][] {buffer}, new int[] {buffer.length}, buffer.length, type, id, Frame.HEADER_BYTES);
  }

  static EncodedFrame seal(byte[][] chunks, int[] lengths, long length, byte type, long id, int headerBytes) {
    long payloadLength = length - headerBytes;
    if (payloadLength > Frame.MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload of " + payloadLength + " bytes exceeds the frame limit");
    }
    Frame.writeHeader(chunks[0], type, id, (int) payloadLength);
    return new EncodedFrame(chunks, lengths, length);
  }

  /** Writes and flushes the frame; the caller serializes writers of one stream. */
  public void writeTo(OutputStream out) throws IOException {
    writeUnflushed(out);
    out.flush();
  }

  /** Writes the frame without flushing, so that several can leave together; the caller flushes. */
  public void writeUnflushed(OutputStream out) throws IOException {
    for (int i = 0; i < chunks.length; i++) {
      out.write(chunks[i], 0, lengths[i]);
    }
  }

  /** Returns the frame's length on the wire, header included. */
  public long length() {
    return length;
  }

  /** Returns a copy of the payload, without the header. */
  public byte[] payload() {
    byte[] payload = new byte[(int) (length - Frame.HEADER_BYTES)];
    int at = 0;
    for (int i = 0; i < chunks.length; i++) {
      int skip = i == 0 ? Frame.HEADER_BYTES : 0;
      System.arraycopy(chunks[i], skip, payload, at, lengths[i] - skip);
      at += lengths[i] - skip;
    }
    return payload;
  }
}
