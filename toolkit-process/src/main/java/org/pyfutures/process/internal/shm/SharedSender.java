package org.pyfutures.process.internal.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.pyfutures.process.internal.wire.EncodedFrame;
import org.pyfutures.process.internal.wire.Frame;
import org.pyfutures.process.internal.wire.Spill;

/**
 * The sending end of one worker's channel in one direction: puts large payloads into a ring in a shared mapping
 * and replaces their frames with {@link Frame#SHARED} descriptors, either by copying an encoded frame
 * ({@link #divert}) or by taking the payload while it is encoded (as a {@link Spill}).
 *
 * <p>Positions in the ring count bytes since the mapping was made; a payload occupies {@code [start, start +
 * length)} and lies at {@code start % capacity} without wrapping (the ring's tail is skipped when it would not fit
 * there). The receiver consumes payloads in the order the frames were written and records the end of each in the
 * mapping's header; this sender writes only into bytes below {@code consumed + capacity}, so it never overwrites a
 * payload the receiver has yet to decode, however many frames are in flight.
 *
 * <p>When the ring has no room for a payload, the sender moves to a new mapping (the next generation) large enough
 * for the bytes still in flight plus this payload, rounded up to a size class; the receiver drops its old mapping
 * when it reads the first frame of the new one, after every frame of the old. When the file system lacks room for
 * that, or anything fails, the frame goes down the pipe as it is.
 *
 * <p>Frames must be written to the pipe in the order this sender placed their payloads, each right after it was
 * placed. Its methods are synchronized, so {@link #close} waits for a copy in progress and nothing touches a closed
 * mapping.
 */
public final class SharedSender implements Spill {
  private final SharedMemory memory;
  private final String namePrefix;
  private Mapping mapping;
  private int generation;
  private long written;
  /** Whether a frame has pointed at the current mapping: if not, its file is deleted when it is replaced. */
  private boolean referenced;
  /** The smallest mapping that could not be made; none that large is tried again. */
  private long failedSize = Long.MAX_VALUE;
  private boolean closed;
  // The payload being spilled: its start, the bytes appended, and the free bytes from its start; start -1 if none.
  private long spillStart = -1;
  private int spillLength;
  private long spillLimit;
  /**
   * The length of the last payload spilled: the next spill starts where at least that much is free, as payloads of
   * one size tend to follow each other, so that a recurring size does not outgrow the ring's tail every time.
   */
  private long lastSpill;

  SharedSender(SharedMemory memory, String namePrefix) {
    this.memory = memory;
    this.namePrefix = namePrefix;
  }

  /**
   * Returns the frame to write in place of {@code frame}: a {@link Frame#SHARED} descriptor once the payload is in
   * the mapping, or {@code frame} itself when it is small, cannot be shared, or the mapping has no room.
   */
  public synchronized EncodedFrame divert(EncodedFrame frame) {
    long length = frame.payloadLength();
    if (closed || length < memory.threshold() || !Frame.canBeShared(frame.type())) {
      return frame;
    }
    try {
      if (!reserve(length, length)) {
        return frame;
      }
      frame.copyPayloadTo(mapping.ring(), offset(spillStart));
      spillLength = (int) length;
      return commit(frame.type(), frame.id(), null);
    } catch (IOException | RuntimeException e) {
      SharedMemory.debug("sending " + length + " bytes through the pipe", e);
      spillStart = -1;
      return frame;
    }
  }

  @Override
  public int threshold() {
    return memory.threshold();
  }

  @Override
  public synchronized boolean begin() {
    if (closed) {
      return false;
    }
    try {
      long need = Math.max(memory.threshold(), lastSpill);
      return reserve(need + need / 2, need);
    } catch (IOException | RuntimeException e) {
      SharedMemory.debug("encoding a payload on the heap", e);
      return false;
    }
  }

  @Override
  public synchronized boolean append(byte[] bytes, int from, int length) {
    try {
      if (spillLength + (long) length > spillLimit && !regrow(spillLength + (long) length)) {
        return false;
      }
      mapping.ring().put(offset(spillStart) + spillLength, bytes, from, length);
      spillLength += length;
      return true;
    } catch (IOException | RuntimeException e) {
      SharedMemory.debug("encoding the rest of a payload on the heap", e);
      return false;
    }
  }

  @Override
  public synchronized byte[] takeBack() {
    if (mapping == null) {
      throw new IllegalStateException("shared memory closed while a payload was encoded into it");
    }
    byte[] back = new byte[spillLength];
    mapping.ring().get(offset(spillStart), back);
    spillStart = -1;
    return back;
  }

  @Override
  public synchronized EncodedFrame finish(byte type, long id) {
    ByteBuffer cost = mapping.ring().slice(offset(spillStart), Math.min(spillLength, Frame.REPLY_COST_BYTES));
    lastSpill = spillLength;
    return commit(type, id, cost);
  }

  @Override
  public synchronized void abandon() {
    spillStart = -1;
  }

  /** Unmaps the current mapping; later frames go down the pipe. */
  public synchronized void close() {
    closed = true;
    spillStart = -1;
    if (mapping != null) {
      mapping.close();
      mapping = null;
    }
  }

  /** The placed payload is complete: it is in flight from now on. */
  private EncodedFrame commit(byte type, long id, ByteBuffer cost) {
    long start = spillStart;
    spillStart = -1;
    written = start + spillLength;
    referenced = true;
    return EncodedFrame.ofShared(type, id, generation, start, spillLength, cost);
  }

  private int offset(long position) {
    return (int) (position % mapping.capacity());
  }

  /**
   * Places a payload of at least {@code need} bytes after those in flight, in this lap of the ring or at the start
   * of the next, or else at the start of a new mapping of at least {@code want} bytes: sets {@code spillStart} and
   * {@code spillLimit}, the free bytes from there.
   *
   * @return false if there is no room and no larger mapping can be made
   */
  private boolean reserve(long want, long need) throws IOException {
    long inFlight = 0;
    long atLeast = 0;
    if (mapping != null) {
      long consumed = mapping.consumed();
      long capacity = mapping.capacity();
      long start = written;
      long offset = start % capacity;
      long limit = Math.min(capacity - offset, consumed + capacity - start);
      if (limit < need) {
        start += capacity - offset;
        limit = Math.min(capacity, consumed + capacity - start);
      }
      if (limit >= need) {
        spillStart = start;
        spillLimit = limit;
        spillLength = 0;
        return true;
      }
      inFlight = written - consumed;
      atLeast = capacity + 1;
    }
    Mapping next = larger(Math.max(inFlight + want, atLeast));
    if (next == null) {
      return false;
    }
    replaceWith(next);
    spillStart = 0;
    spillLimit = mapping.capacity();
    spillLength = 0;
    return true;
  }

  /** Moves the payload being spilled to the start of a larger mapping, for at least {@code need} bytes. */
  private boolean regrow(long need) throws IOException {
    long inFlight = written - mapping.consumed();
    Mapping next = larger(Math.max(inFlight + need + need / 2, mapping.capacity() + 1L));
    if (next == null) {
      return false;
    }
    next.ring().put(0, mapping.ring(), offset(spillStart), spillLength);
    replaceWith(next);
    spillStart = 0;
    spillLimit = mapping.capacity();
    return true;
  }

  /** A new mapping for the next generation with a ring of at least {@code ring} bytes, or null if none can be made. */
  private Mapping larger(long ring) throws IOException {
    long size = SizeClasses.fileSize(ring);
    if (size < 0 || size >= failedSize || !memory.roomFor(size)) {
      return null;
    }
    try {
      return memory.files().create(namePrefix + (generation + 1), size);
    } catch (IOException e) {
      failedSize = size;
      throw e;
    }
  }

  private void replaceWith(Mapping next) {
    if (mapping != null) {
      mapping.close();
      if (!referenced) {
        memory.files().deleteQuietly(namePrefix + generation);
      }
    }
    mapping = next;
    generation++;
    written = 0;
    referenced = false;
  }
}
