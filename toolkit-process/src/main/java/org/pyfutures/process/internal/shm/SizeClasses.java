package org.pyfutures.process.internal.shm;

/**
 * Sizes of shared files: the header plus a ring rounded up to one of eight steps per power of two (1, 1.125, 1.25,
 * … 1.875 times it), so a ring holds what it must with at most an eighth to spare, and a sender whose demand creeps
 * up grows in a few steps rather than one per byte. Rings hold at least 1 MiB and at most {@link #MAX_RING}.
 */
final class SizeClasses {
  static final long MIN_RING = 1 << 20;
  static final long MAX_RING = 1L << 30;

  private SizeClasses() {}

  /** The file size for a ring of at least {@code ring} bytes, or -1 if that is above the largest. */
  static long fileSize(long ring) {
    long want = Math.max(ring, MIN_RING);
    if (want > MAX_RING) {
      return -1;
    }
    long step = Long.highestOneBit(want) / 8;
    long rounded = (want + step - 1) / step * step;
    return Mapping.HEADER_BYTES + rounded;
  }
}
