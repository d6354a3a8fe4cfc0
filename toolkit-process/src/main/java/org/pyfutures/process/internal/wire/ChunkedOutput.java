package org.pyfutures.process.internal.wire;

import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kryo {@link Output} that grows by adding chunks instead of doubling and copying one array: a large payload is
 * copied once, into chunks of up to 1 MiB, and written to the pipe from there. Kryo code refreshes its view of the
 * buffer after every {@code require}, which is where a full chunk is set aside ({@link #flush()}).
 */
final class ChunkedOutput extends Output {
  private static final int FIRST_CHUNK = 256;
  private static final int LARGEST_CHUNK = 1 << 20;

  private final List<byte[]> chunks = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();

  ChunkedOutput() {
    super(FIRST_CHUNK, -1);
  }

  /** Sets the current chunk aside and continues in a new, larger one. */
  @Override
  public void flush() {
    if (position == 0) {
      return;
    }
    chunks.add(buffer);
    lengths.add(position);
    total += position;
    capacity = Math.min(capacity * 2, LARGEST_CHUNK);
    buffer = new byte[capacity];
    position = 0;
  }

  /** The chunks written so far, each with its length; the last is the current one. */
  EncodedFrame seal(byte type, long id, int headerBytes) {
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
