package org.pyfutures.process.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A frame ready to write: header and payload in one buffer, so a small frame leaves in a single write.
 *
 * @param bytes the buffer, which may be longer than the frame
 * @param length the frame's length in bytes, header included
 */
record EncodedFrame(byte[] bytes, int length) {

  /**
   * Serializes {@code value} with its class into a new frame.
   *
   * @throws com.esotericsoftware.kryo.kryo5.KryoException or any other exception or error from serializing
   *     {@code value}; the Kryo must then be discarded
   */
  static EncodedFrame of(Kryo kryo, byte type, long id, Object value) {
    Output output = new Output(256, -1);
    output.setPosition(Frame.HEADER_BYTES);
    try {
      kryo.writeClassAndObject(output, value);
    } finally {
      kryo.reset();
    }
    return seal(output.getBuffer(), output.position(), type, id);
  }

  /** Wraps raw payload bytes in a frame. */
  static EncodedFrame ofPayload(byte type, long id, byte[] payload) {
    byte[] buffer = new byte[Frame.HEADER_BYTES + payload.length];
    System.arraycopy(payload, 0, buffer, Frame.HEADER_BYTES, payload.length);
    return seal(buffer, buffer.length, type, id);
  }

  private static EncodedFrame seal(byte[] buffer, int end, byte type, long id) {
    int payloadLength = end - Frame.HEADER_BYTES;
    if (payloadLength > Frame.MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload of " + payloadLength + " bytes exceeds the frame limit");
    }
    Frame.writeHeader(buffer, type, id, payloadLength);
    return new EncodedFrame(buffer, end);
  }

  /** Writes and flushes the frame; the caller serializes writers of one stream. */
  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
    out.flush();
  }
}
