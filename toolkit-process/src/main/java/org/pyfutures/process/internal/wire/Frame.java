package org.pyfutures.process.internal.wire;

/**
 * One message of the wire protocol between the pool and a worker: a type, the id of the task it concerns (zero
 * for messages about the worker itself) and an opaque payload.
 *
 * <p>On the wire a frame is a fixed header followed by the payload:
 *
 * <pre>
 *   int  magic      0x50594655 ("PYFU")
 *   byte type       one of the constants below
 *   long id         task id, or 0
 *   int  length     payload length in bytes, 0 .. {@link #MAX_PAYLOAD}
 *   int  check      ~length, so a stray length is detected before anything is allocated
 *   byte[length]    payload, Kryo bytes written by {@code Serialization}'s configuration
 * </pre>
 *
 * <p>The payload of a {@link #RESULT} or {@link #FAILURE} starts with what the task cost in the worker, before
 * its Kryo bytes (so {@code length} is at least {@link #REPLY_COST_BYTES}):
 *
 * <pre>
 *   long copyNanos  time the worker spent decoding the task and encoding this reply
 *   long runNanos   time the worker spent inside the task
 * </pre>
 *
 * <p>A large TASK, RESULT or FAILURE payload may instead lie in a memory mapping the sender shares with the
 * receiver (the {@code internal.shm} package). Its frame then carries the type with the {@link #SHARED} bit set, and
 * a {@link #SHARED_DESCRIPTOR_BYTES}-byte payload on the pipe that says where the real payload is:
 *
 * <pre>
 *   int  generation  which of the sender's mappings (a new one each time the sender grows it), from 1
 *   long position    where the payload starts, counted in bytes since the mapping was made: its offset in the
 *                    mapping's ring is position % capacity, and it never wraps around the ring's end
 *   int  length      the real payload's length, 0 .. {@link #MAX_PAYLOAD}
 * </pre>
 *
 * The real payload is what the pipe would have carried (for a reply, the cost first). The reader returns the frame
 * with its plain type and the real length, so nothing after {@link FrameReader} can tell the two apart. Once the
 * receiver is done with the payload it records {@code position + length} as consumed in the mapping, which lets the
 * sender write over that region again.
 *
 * <p>All integers are big-endian. Each payload is encoded on its own, so a payload that cannot be decoded fails the
 * one task it belongs to and the next frame still starts at a known offset. A header that does not check out means
 * the stream is corrupt (something other than the protocol wrote to the worker's stdout); the worker is then
 * unusable, which breaks the pool instead of leaving it to guess.
 *
 * <p>A {@code Frame} is the header as read; its payload follows on the stream and is read or decoded through the
 * {@link FrameReader} that returned it.
 *
 * @param type the message type
 * @param id the task id, or 0
 * @param length the payload length in bytes
 */
public record Frame(byte type, long id, int length) {
  public static final int MAGIC = 0x50594655;
  public static final int HEADER_BYTES = 21;
  public static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64;
  /** Bytes at the start of a RESULT or FAILURE payload that carry the task's cost in the worker. */
  public static final int REPLY_COST_BYTES = 16;
  /** Set in the type byte on the wire: the payload lies in a shared mapping, and the pipe carries where. */
  public static final byte SHARED = 0x40;
  /** Length of the pipe payload of a {@link #SHARED} frame. */
  public static final int SHARED_DESCRIPTOR_BYTES = 16;

  /** Pool to worker, first frame: the Kryo customizer and the initializer. */
  public static final byte HELLO = 1;
  /** Pool to worker: a serialized task to run. */
  public static final byte TASK = 2;
  /** Worker to pool: initialized and waiting for tasks; payload is the worker's pid. */
  public static final byte READY = 10;
  /** Worker to pool: the task's cost, then its serialized result. */
  public static final byte RESULT = 11;
  /**
   * Worker to pool: the task's cost, then its failure (its exception, or a serialization failure) as a
   * {@code RemoteFailure}.
   */
  public static final byte FAILURE = 12;
  /** Worker to pool: the initializer threw; payload is a {@code RemoteFailure}. The worker exits next. */
  public static final byte INIT_FAILED = 13;
  /**
   * Worker to pool, just before a reply: the worker has outgrown its memory limit and exits once its stdin closes;
   * no payload.
   */
  public static final byte RETIRING = 14;

  public static boolean isKnownType(byte type) {
    return switch (type) {
      case HELLO, TASK, READY, RESULT, FAILURE, INIT_FAILED, RETIRING -> true;
      default -> false;
    };
  }

  /** Whether {@code type} may carry the {@link #SHARED} bit: only payloads that can be large. */
  public static boolean canBeShared(byte type) {
    return type == TASK || type == RESULT || type == FAILURE;
  }

  public static String typeName(byte type) {
    return switch (type) {
      case HELLO -> "HELLO";
      case TASK -> "TASK";
      case READY -> "READY";
      case RESULT -> "RESULT";
      case FAILURE -> "FAILURE";
      case INIT_FAILED -> "INIT_FAILED";
      case RETIRING -> "RETIRING";
      default -> "type " + type;
    };
  }

  /** Writes a header for a payload of {@code length} bytes at the start of {@code buffer}. */
  public static void writeHeader(byte[] buffer, byte type, long id, int length) {
    putInt(buffer, 0, MAGIC);
    buffer[4] = type;
    putLong(buffer, 5, id);
    putInt(buffer, 13, length);
    putInt(buffer, 17, ~length);
  }

  public static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }

  public static long getLong(byte[] b, int at) {
    return (long) getInt(b, at) << 32 | (getInt(b, at + 4) & 0xffffffffL);
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  @Override
  public String toString() {
    return "Frame[" + typeName(type) + ", id=" + id + ", " + length + " bytes]";
  }
}
