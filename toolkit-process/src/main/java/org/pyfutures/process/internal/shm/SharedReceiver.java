package org.pyfutures.process.internal.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.pyfutures.process.internal.wire.SharedRegions;

/**
 * The receiving end of one worker's channel in one direction (see {@link SharedSender}): maps each of the sender's
 * files when its first frame arrives, unlinks it, and marks payloads consumed in its header. A frame of a newer
 * generation comes after every frame of the older one, so the older mapping is dropped then.
 *
 * <p>Used by one reading thread; {@link #close} may come from another, hence the lock.
 */
public final class SharedReceiver implements SharedRegions {
  private final SharedMemory memory;
  private final String namePrefix;
  private Mapping mapping;
  private int generation;
  private boolean closed;

  SharedReceiver(SharedMemory memory, String namePrefix) {
    this.memory = memory;
    this.namePrefix = namePrefix;
  }

  @Override
  public synchronized ByteBuffer region(int generation, long position, int length) throws IOException {
    if (closed) {
      throw new IOException("shared memory closed");
    }
    if (mapping == null || generation != this.generation) {
      Mapping next = memory.files().openAndUnlink(namePrefix + generation);
      if (mapping != null) {
        mapping.close();
      }
      mapping = next;
      this.generation = generation;
    }
    long offset = position % mapping.capacity();
    if (offset + length > mapping.capacity()) {
      throw new IOException(length + " bytes at " + position + " do not fit a ring of " + mapping.capacity());
    }
    return mapping.ring().slice((int) offset, length);
  }

  @Override
  public synchronized void consumed(long end) {
    if (mapping != null) {
      mapping.consumed(end);
    }
  }

  /** Unmaps the current mapping. */
  public synchronized void close() {
    closed = true;
    if (mapping != null) {
      mapping.close();
      mapping = null;
    }
  }
}
