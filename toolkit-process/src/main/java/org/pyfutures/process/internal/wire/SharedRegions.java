package org.pyfutures.process.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a {@link FrameReader} finds the payloads of {@link Frame#SHARED} frames: the receiving end of a sender's
 * shared mappings. Called by the reader's one thread, in the order the frames arrive.
 */
public interface SharedRegions {
  /**
   * Returns the payload a descriptor points at, as a buffer of exactly {@code length} bytes (position 0,
   * big-endian), valid until {@link #consumed} is called for it.
   *
   * @throws IOException if the mapping cannot be opened or the descriptor does not fit it
   */
  ByteBuffer region(int generation, long position, int length) throws IOException;

  /**
   * Records that the payload ending at {@code end} (its position plus its length) has been read to the end or
   * skipped: the sender may write over it from now on.
   */
  void consumed(long end);
}
