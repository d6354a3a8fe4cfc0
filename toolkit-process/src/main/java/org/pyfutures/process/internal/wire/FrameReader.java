package org.pyfutures.process.internal.wire;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.ByteBufferInput;
import com.esotericsoftware.kryo.kryo5.io.Input;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@link Frame}s from a stream, checking each header before it trusts the length. A payload is read after
 * its header, as bytes or decoded straight from the stream, never past its own end; whatever of it the caller
 * leaves unread is skipped before the next header. Not thread-safe.
 *
 * <p>The payload of a {@link Frame#SHARED} frame is read from the {@link SharedRegions} the reader was given, and
 * marked consumed there when the next frame is read (or the payload has been decoded); a payload whose mapping
 * cannot be opened fails its own frame only, as an undecodable one does.
 */
public final class FrameReader {
  private static final int EXCERPT_BYTES = 200;
  private static final int DECODE_BUFFER = 1 << 16;
  private static final int DISCARD_BUFFER = 1 << 16;
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final InputStream in;
  private final byte[] header = new byte[Frame.HEADER_BYTES];
  private final Payload payload = new Payload();
  private final Input input = new Input(DECODE_BUFFER);
  private Frame current;
  private byte[] discard;
  private SharedRegions regions;
  private ByteBufferInput sharedInput;
  // The current frame's payload when it lies in a shared mapping: its region (null if it could not be opened, then
  // regionFailure says why) and where it ends in the sender's ring; sharedEnd is -1 for a payload on the stream.
  private ByteBuffer region;
  private IOException regionFailure;
  private long sharedEnd = -1;

  /**
   * Reads frames from {@code in}.
   *
   * @param in the stream
   */
  public FrameReader(InputStream in) {
    this.in = in;
  }

  /** Reads the payloads of {@link Frame#SHARED} frames from {@code regions} from now on. */
  public void useSharedRegions(SharedRegions regions) {
    this.regions = regions;
  }

  /**
   * Reads the next frame's header.
   *
   * @return the frame, or {@code null} at a clean end of stream (between frames)
   * @throws CorruptStreamException if the bytes are not a frame
   * @throws IOException if reading fails
   */
  public Frame next() throws IOException {
    if (current != null) {
      skipPayload();
    }
    int first = in.read();
    if (first < 0) {
      return null;
    }
    header[0] = (byte) first;
    int got = 1;
    while (got < Frame.HEADER_BYTES) {
      int n = in.read(header, got, Frame.HEADER_BYTES - got);
      if (n < 0) {
        throw corrupt(got, "a stream that ended inside a frame header");
      }
      got += n;
    }
    int magic = Frame.getInt(header, 0);
    byte type = header[4];
    long id = Frame.getLong(header, 5);
    int length = Frame.getInt(header, 13);
    int check = Frame.getInt(header, 17);
    boolean shared = (type & Frame.SHARED) != 0;
    byte plain = (byte) (type & ~Frame.SHARED);
    if (magic != Frame.MAGIC || !Frame.isKnownType(plain) || (shared && !Frame.canBeShared(plain))) {
      throw corrupt(got, "bytes that are not a frame");
    }
    if (check != ~length || length < 0 || length > Frame.MAX_PAYLOAD) {
      throw corrupt(got, "a frame header with an invalid length " + length);
    }
    if (shared) {
      return nextShared(plain, id, length);
    }
    current = new Frame(type, id, length);
    payload.start(length);
    return current;
  }

  /** Reads a {@link Frame#SHARED} frame's descriptor and opens the region it points at. */
  private Frame nextShared(byte type, long id, int descriptorLength) throws IOException {
    if (descriptorLength != Frame.SHARED_DESCRIPTOR_BYTES) {
      throw new CorruptStreamException("shared " + Frame.typeName(type) + " with a descriptor of " + descriptorLength + " bytes");
    }
    if (regions == null) {
      throw new CorruptStreamException("shared " + Frame.typeName(type) + " on a stream that shares no memory");
    }
    byte[] descriptor = new byte[Frame.SHARED_DESCRIPTOR_BYTES];
    int at = 0;
    while (at < descriptor.length) {
      int n = in.read(descriptor, at, descriptor.length - at);
      if (n < 0) {
        throw new EOFException("stream ended inside a shared frame's descriptor");
      }
      at += n;
    }
    int generation = Frame.getInt(descriptor, 0);
    long position = Frame.getLong(descriptor, 4);
    int length = Frame.getInt(descriptor, 12);
    if (length < 0 || length > Frame.MAX_PAYLOAD || position < 0) {
      throw new CorruptStreamException("shared payload descriptor with length " + length + " at " + position);
    }
    current = new Frame(type, id, length);
    payload.start(0);
    sharedEnd = position + length;
    try {
      region = regions.region(generation, position, length);
      regionFailure = null;
    } catch (IOException e) {
      region = null;
      regionFailure = e;
    }
    return current;
  }

  /**
   * Reads the cost at the start of the current RESULT or FAILURE payload (see {@link Frame}); the rest of the
   * payload is then read or decoded as usual.
   *
   * @return the worker's copy time and run time for the task, in nanoseconds
   * @throws CorruptStreamException if the payload is too short to hold it
   * @throws IOException if reading fails
   */
  public long[] readReplyCost() throws IOException {
    if (sharedEnd >= 0) {
      if (region == null) {
        return new long[2]; // decodePayload reports why
      }
      if (region.remaining() < Frame.REPLY_COST_BYTES) {
        throw new CorruptStreamException("reply " + current + " too short to carry its cost");
      }
      return new long[] {region.getLong(), region.getLong()};
    }
    if (payload.remaining < Frame.REPLY_COST_BYTES) {
      throw new CorruptStreamException("reply " + current + " too short to carry its cost");
    }
    byte[] cost = new byte[Frame.REPLY_COST_BYTES];
    int at = 0;
    while (at < cost.length) {
      int n = payload.read(cost, at, cost.length - at);
      if (n < 0) {
        throw payload.failure;
      }
      at += n;
    }
    return new long[] {Frame.getLong(cost, 0), Frame.getLong(cost, 8)};
  }

  /** Reads the current frame's payload as bytes. */
  public byte[] readPayload() throws IOException {
    if (sharedEnd >= 0) {
      if (region == null) {
        throw regionFailure;
      }
      byte[] bytes = new byte[region.remaining()];
      region.get(bytes);
      return bytes;
    }
    byte[] bytes = new byte[payload.remaining];
    int at = 0;
    while (at < bytes.length) {
      int n = payload.read(bytes, at, bytes.length - at);
      if (n < 0) {
        throw payload.failure;
      }
      at += n;
    }
    return bytes;
  }

  /**
   * Decodes the current frame's payload, one object with its class, straight from the stream.
   *
   * @throws UndecodablePayloadException if the payload is not a readable object; the stream stays in step
   * @throws IOException if the stream fails, including if it ends inside the payload
   */
  public Object decodePayload(Kryo kryo) throws IOException, UndecodablePayloadException {
    if (sharedEnd >= 0) {
      return decodeShared(kryo);
    }
    input.setInputStream(payload);
    Object value;
    try {
      value = kryo.readClassAndObject(input);
    } catch (Throwable t) {
      if (payload.failure != null) {
        throw payload.failure;
      }
      skipPayload();
      throw new UndecodablePayloadException(t);
    } finally {
      kryo.reset();
      input.setInputStream(null);
    }
    skipPayload();
    return value;
  }

  /** Decodes straight out of the shared mapping; the region is consumed whatever the outcome. */
  private Object decodeShared(Kryo kryo) throws IOException, UndecodablePayloadException {
    if (region == null) {
      IOException unreadable = new IOException("the shared payload of " + current + " is unreadable", regionFailure);
      skipPayload();
      throw new UndecodablePayloadException(unreadable);
    }
    if (sharedInput == null) {
      sharedInput = new ByteBufferInput();
    }
    sharedInput.setBuffer(region);
    Object value;
    try {
      value = kryo.readClassAndObject(sharedInput);
    } catch (Throwable t) {
      skipPayload();
      throw new UndecodablePayloadException(t);
    } finally {
      kryo.reset();
    }
    skipPayload();
    return value;
  }

  /** Reads and discards the rest of the payload: {@code skip} on a pipe seeks on some JDKs, which fails. */
  private void skipPayload() throws IOException {
    if (sharedEnd >= 0) {
      if (region != null) {
        region = null;
        if (sharedInput != null) {
          sharedInput.setBuffer(EMPTY);
        }
        regions.consumed(sharedEnd);
      }
      sharedEnd = -1;
    }
    while (payload.remaining > 0) {
      if (discard == null) {
        discard = new byte[DISCARD_BUFFER];
      }
      int n = in.read(discard, 0, Math.min(discard.length, payload.remaining));
      if (n < 0) {
        throw new EOFException("stream ended inside the payload of " + current);
      }
      payload.remaining -= n;
    }
    current = null;
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

  /** The current payload as a stream that ends where the payload ends, and remembers a failure of the stream. */
  private final class Payload extends InputStream {
    int remaining;
    IOException failure;

    void start(int length) {
      remaining = length;
      failure = null;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n;
      try {
        n = in.read(b, off, Math.min(len, remaining));
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      if (n < 0) {
        failure = new EOFException("stream ended inside the payload of " + current);
        return -1;
      }
      remaining -= n;
      return n;
    }
  }
}
