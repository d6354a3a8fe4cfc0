package org.pyfutures.process.internal.wire;

import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Kryo {@link Output} that grows by adding chunks instead of doubling and copying one array: a large payload is
 * copied once, into chunks of up to 1 MiB, and written to the pipe from there (a large byte array becomes chunks of
 * its own). Kryo code refreshes its view of the
 * buffer after every {@code require}, which is where a full chunk is set aside ({@link #flush()}).
 *
 * <p>With a {@link Spill}, a payload that outgrows the spill's threshold moves there as it is encoded: the chunks
 * so far are appended to it, and from then on each full chunk is appended and its array reused, so the rest of the
 * payload passes through one cache-warm chunk. If the spill runs out of room, what it holds comes back as a chunk
 * and encoding goes on in chunks.
 */
final class ChunkedOutput extends Output {
  private static final int FIRST_CHUNK = 512;
  private static final int LARGEST_CHUNK = 1 << 20;
  /** Arrays from this size on are not copied through the current chunk (see {@link #writeBytes}). */
  private static final int DIRECT_BYTES = 1 << 16;

  private final List<byte[]> chunks = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();
  private final Spill spill;
  private final int headerBytes;
  private final byte[] first;
  private boolean spilling;
  /** The spill refused the payload or ran out of room: it is not offered again. */
  private boolean stayOnHeap;

  ChunkedOutput() {
    this(null, 0);
  }

  /**
   * An output that offers the payload to {@code spill} once it is large.
   *
   * @param headerBytes the frame header's room at the start, which is not payload
   */
  ChunkedOutput(Spill spill, int headerBytes) {
    super(FIRST_CHUNK, -1);
    this.spill = spill;
    this.headerBytes = headerBytes;
    this.first = buffer;
  }

  /**
   * Starts a new payload in this output's first chunk, forgetting the last one: for an encoder that reuses one
   * output, once the frame it sealed has been written.
   */
  void restart(int startPosition) {
    chunks.clear();
    lengths.clear();
    spilling = false;
    stayOnHeap = false;
    buffer = first;
    capacity = first.length;
    total = 0;
    position = startPosition;
  }

  /** Sets the current chunk aside and continues in a new, larger one. */
  @Override
  public void flush() {
    if (position == 0) {
      return;
    }
    if (spilling) {
      if (spill.append(buffer, 0, position)) {
        total += position;
        position = 0;
        return;
      }
      takeBack();
    }
    chunks.add(buffer);
    lengths.add(position);
    total += position;
    capacity = Math.min(capacity * 2, LARGEST_CHUNK);
    position = 0;
    if (spill != null && !stayOnHeap && total - headerBytes >= spill.threshold()) {
      if (!spill.begin()) {
        stayOnHeap = true;
        buffer = new byte[capacity];
        return;
      }
      spillChunks();
      return;
    }
    buffer = new byte[capacity];
  }

  /**
   * A large array that does not fit the current chunk skips it: while spilling it goes straight into the spill;
   * otherwise its bytes become chunks of their own, copied with {@link Arrays#copyOfRange} (an allocation the JIT
   * does not zero first), at most {@value #LARGEST_CHUNK} bytes each so a pipe write never needs a larger native
   * buffer.
   */
  @Override
  public void writeBytes(byte[] bytes, int offset, int count) {
    if (count < DIRECT_BYTES || count <= capacity - position) {
      super.writeBytes(bytes, offset, count);
      return;
    }
    if (spilling || position >= capacity / 4) {
      flush();
    } else if (position > 0) {
      // Keep the chunk for what follows: a run of large arrays then allocates no chunk per array.
      chunks.add(Arrays.copyOf(buffer, position));
      lengths.add(position);
      total += position;
      position = 0;
    }
    if (spill != null && !spilling && !stayOnHeap && total - headerBytes + count >= spill.threshold()) {
      if (spill.begin()) {
        spillChunks();
      } else {
        stayOnHeap = true;
      }
    }
    if (spilling) {
      if (spill.append(bytes, offset, count)) {
        total += count;
        return;
      }
      takeBack();
    }
    for (int at = offset, end = offset + count; at < end; ) {
      int n = Math.min(LARGEST_CHUNK, end - at);
      chunks.add(Arrays.copyOfRange(bytes, at, at + n));
      lengths.add(n);
      total += n;
      at += n;
    }
  }

  /** Moves the chunks set aside into the spill, keeping the larger of the last and the current array for reuse. */
  private void spillChunks() {
    spilling = true;
    for (int i = 0; i < chunks.size(); i++) {
      int skip = i == 0 ? headerBytes : 0;
      if (!spill.append(chunks.get(i), skip, lengths.get(i) - skip)) {
        // The chunks are all still here.
        spill.abandon();
        spilling = false;
        stayOnHeap = true;
        buffer = new byte[capacity];
        return;
      }
    }
    byte[] last = chunks.get(chunks.size() - 1);
    if (last.length >= buffer.length) {
      buffer = last;
    }
    capacity = buffer.length;
    chunks.clear();
    lengths.clear();
  }

  /** Brings back what the spill holds as the first chunk, after the header's room, and stops spilling. */
  private void takeBack() {
    spilling = false;
    stayOnHeap = true;
    byte[] back = spill.takeBack();
    byte[] first = new byte[headerBytes + back.length];
    System.arraycopy(back, 0, first, headerBytes, back.length);
    chunks.clear();
    lengths.clear();
    chunks.add(first);
    lengths.add(first.length);
    total = first.length;
  }

  /** Whether the payload is in the spill: {@link #seal} then returns the spill's frame. */
  boolean spilling() {
    return spilling;
  }

  /** Tells the spill that encoding failed, if the payload is there. */
  void abandon() {
    if (spilling) {
      spilling = false;
      spill.abandon();
    }
  }

  /** The chunks written so far, each with its length; the last is the current one. */
  EncodedFrame seal(byte type, long id, int headerBytes) {
    if (spilling) {
      flush();
      if (spilling) {
        spilling = false;
        return spill.finish(type, id);
      }
    }
    int n = chunks.size() + 1;
    byte[][] all = new byte[n][];
    int[] sizes = new int[n];
    for (int i = 0; i < n - 1; i++) {
      all[i] = chunks.get(i);
      sizes[i] = lengths.get(i);
    }
    all[n - 1] = buffer;
    sizes[n - 1] = position;
    return EncodedFrame.seal(all, sizes, total + position, type, id, headerBytes);
  }
}
