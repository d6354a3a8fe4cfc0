package org.pyfutures.process.internal.shm;

import java.io.IOException;
import org.pyfutures.process.internal.wire.EncodedFrame;
import org.pyfutures.process.internal.wire.Frame;

/**
 * The sending end of one worker's channel in one direction: puts large payloads into a ring in a shared mapping
 * and replaces their frames with {@link Frame#SHARED} descriptors.
 *
 * <p>Positions in the ring count bytes since the mapping was made; a payload occupies {@code [start, start +
 * length)} and lies at {@code start % capacity} without wrapping (the ring's tail is skipped when it would not fit
 * there). The receiver consumes payloads in the order the frames were written and records the end of each in the
 * mapping's header; this sender writes a payload only into bytes below {@code consumed + capacity}, so it never
 * overwrites one the receiver has yet to decode, however many frames are in flight.
 *
 * <p>When the ring has no room for a payload, the sender moves to a new mapping (the next generation) large enough
 * for the bytes still in flight plus this payload, rounded up to a size class; the receiver drops its old mapping
 * when it reads the first frame of the new one, after every frame of the old. When the file system lacks room for
 * that, or anything fails, the frame goes down the pipe as it is.
 *
 * <p>{@link #divert} must be called in the order the frames are written to the pipe, right before each write. Its
 * methods are synchronized, so {@link #close} waits for a copy in progress and nothing touches a closed mapping.
 */
public final class SharedSender {
  private final SharedMemory memory;
  private final String namePrefix;
  private Mapping mapping;
  private int generation;
  private long written;
  /** The smallest mapping that could not be made; none that large is tried again. */
  private long failedSize = Long.MAX_VALUE;
  private boolean closed;

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
      long start = place(length);
      if (start < 0) {
        return frame;
      }
      frame.copyPayloadTo(mapping.ring(), (int) (start % mapping.capacity()));
      written = start + length;
      return EncodedFrame.ofShared(frame.type(), frame.id(), generation, start, (int) length);
    } catch (IOException | RuntimeException e) {
      SharedMemory.debug("sending " + length + " bytes through the pipe", e);
      return frame;
    }
  }

  /** Where the payload goes in the current mapping, after growing it if need be; -1 for the pipe. */
  private long place(long length) throws IOException {
    long inFlight = 0;
    long atLeast = 0;
    if (mapping != null) {
      long consumed = mapping.consumed();
      long capacity = mapping.capacity();
      long start = written;
      long offset = start % capacity;
      if (offset + length > capacity) {
        start += capacity - offset;
      }
      if (start + length - consumed <= capacity) {
        return start;
      }
      inFlight = written - consumed;
      atLeast = capacity + 1;
    }
    long size = SizeClasses.fileSize(Math.max(inFlight + length, atLeast));
    if (size < 0 || size >= failedSize || !memory.roomFor(size)) {
      return -1;
    }
    String name = namePrefix + (generation + 1);
    Mapping next;
    try {
      next = memory.files().create(name, size);
    } catch (IOException e) {
      failedSize = size;
      throw e;
    }
    if (mapping != null) {
      mapping.close();
    }
    mapping = next;
    generation++;
    written = 0;
    return 0;
  }

  /** Unmaps the current mapping; later frames go down the pipe. */
  public synchronized void close() {
    closed = true;
    if (mapping != null) {
      mapping.close();
      mapping = null;
    }
  }
}
