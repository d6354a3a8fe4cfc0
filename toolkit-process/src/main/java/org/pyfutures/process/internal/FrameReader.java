package org.pyfutures.process.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads {@link Frame}s from a stream, checking each header before it trusts the length. Not thread-safe. */
final class FrameReader {
  private static final int EXCERPT_BYTES = 200;

  private final DataInputStream in;
  private final byte[] header = new byte[Frame.HEADER_BYTES];

  FrameReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /**
   * Reads the next frame.
   *
   * @return the frame, or {@code null} at a clean end of stream (between frames)
   * @throws CorruptStreamException if the bytes are not a frame
   * @throws EOFException if the stream ends inside a frame
   * @throws IOException if reading fails
   */
  Frame next() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    header[0] = (byte) first;
    int got = 1;
    while (got < Frame.HEADER_BYTES) {
      int n = in.read(header, got, Frame.HEADER_BYTES - got);
      if (n < 0) {
        throw corrupt(got, "stream ended inside a frame header");
      }
      got += n;
    }
    int magic = Frame.getInt(header, 0);
    byte type = header[4];
    long id = Frame.getLong(header, 5);
    int length = Frame.getInt(header, 13);
    int check = Frame.getInt(header, 17);
    if (magic != Frame.MAGIC || !Frame.isKnownType(type)) {
      throw corrupt(got, "bytes that are not a frame");
    }
    if (check != ~length || length < 0 || length > Frame.MAX_PAYLOAD) {
      throw corrupt(got, "a frame header with an invalid length " + length);
    }
    byte[] payload = new byte[length];
    try {
      in.readFully(payload);
    } catch (EOFException e) {
      throw new EOFException("stream ended inside the payload of " + Frame.typeName(type) + " frame " + id);
    }
    return new Frame(type, id, payload);
  }

  /** Describes what was read, with whatever else is immediately available, as text someone can recognize. */
  private CorruptStreamException corrupt(int headerBytes, String what) throws IOException {
    byte[] excerpt = new byte[headerBytes + EXCERPT_BYTES];
    System.arraycopy(header, 0, excerpt, 0, headerBytes);
    int length = headerBytes;
    int available = Math.min(in.available(), EXCERPT_BYTES);
    if (available > 0) {
      length += Math.max(0, in.read(excerpt, headerBytes, available));
    }
    String text = new String(excerpt, 0, length, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
    return new CorruptStreamException("protocol stream carried " + what + ": \"" + text + "\"");
  }
}
