package org.pyfutures.internal;

import org.pyfutures.ExecutorStats;

/**
 * Chooses the size of each next {@code map} chunk on a copying pool ({@code MapOptions.withAutoChunksize()}).
 *
 * <p>It starts at one element. Once the pool has completed {@link #WINDOW_CHUNKS} chunks' worth of elements per
 * worker since the last decision, it compares the time the pool spent inside task bodies in that window with the
 * wall time its workers had. While more than {@link #TARGET_OVERHEAD} of it went elsewhere (copying, transport,
 * waiting for the next chunk), the chunk grows: with busy share {@code b} at size {@code k}, the overhead per
 * chunk is about {@code k·r·(1 − b)/b} for run time {@code r} per element, so the size that brings overhead down
 * to the target is {@code k·9(1 − b)/b}; each step grows by that factor, at least 2x and at most
 * {@link #MAX_GROWTH}x, since one window's estimate is noisy. (Consumed chunks are no measure: results may have
 * been waiting.) No chunk grows past {@link #MAX_CHUNK_RUN_NANOS} of run time: longer chunks only make workers
 * finish unevenly. When the input's size is known, no chunk takes more than {@code remaining / (2 × workers)}
 * elements (guided scheduling), so the last chunks shrink and the workers finish together. Used by the thread
 * consuming the map; not thread-safe.
 */
final class ChunkSizer {
  static final double TARGET_OVERHEAD = 0.10;
  static final int WINDOW_CHUNKS = 2;
  static final int MAX_GROWTH = 64;
  private static final long MAX_CHUNK_RUN_NANOS = 10_000_000;
  private static final int MAX_CHUNK = 1 << 20;
  private static final System.Logger LOG = System.getLogger("org.pyfutures");

  private final AbstractExecutor executor;
  private final int workers;
  private long remaining;
  private int size = 1;
  private long windowStartNanos;
  private long windowRunNanos;
  private long windowCompleted;

  /**
   * @param remaining the input's size, or -1 if unknown
   */
  ChunkSizer(AbstractExecutor executor, long remaining) {
    this.executor = executor;
    this.workers = Math.max(1, executor.parallelism());
    this.remaining = remaining;
    startWindow(executor.stats());
  }

  /** How many chunks to keep submitted ahead of the consumer when the caller set no buffersize. */
  int ahead() {
    return 3 * workers;
  }

  /** Returns the size of the next chunk. */
  int next() {
    if (remaining < 0) {
      return size;
    }
    long guided = Math.max(1, (remaining + 2L * workers - 1) / (2L * workers));
    return (int) Math.min(size, guided);
  }

  /** Records that a chunk of {@code n} elements was taken from the input. */
  void taken(int n) {
    if (remaining >= 0) {
      remaining = Math.max(0, remaining - n);
    }
  }

  /** Records that a chunk's results were consumed; may grow the chunk. */
  void observe() {
    ExecutorStats now = executor.stats();
    long completed = now.tasksCompleted() - windowCompleted;
    if (completed < (long) WINDOW_CHUNKS * workers * size) {
      return;
    }
    long wall = System.nanoTime() - windowStartNanos;
    long run = now.runTime().toNanos() - windowRunNanos;
    double busy = wall <= 0 ? 1 : (double) run / ((double) wall * workers);
    long runPerElement = completed <= 0 ? 0 : run / completed;
    long largest = runPerElement > 0 ? Math.min(MAX_CHUNK, MAX_CHUNK_RUN_NANOS / runPerElement) : MAX_CHUNK;
    if (busy < 1 - TARGET_OVERHEAD && size < largest) {
      double wanted = busy <= 0 ? MAX_GROWTH : (1 - TARGET_OVERHEAD) / TARGET_OVERHEAD * (1 - busy) / busy;
      double factor = Math.max(2, Math.min(MAX_GROWTH, wanted));
      int grown = (int) Math.min(largest, Math.ceil(size * factor));
      LOG.log(
          System.Logger.Level.DEBUG,
          () ->
              String.format(
                  "map auto chunksize %d -> %d: workers busy in task bodies %.0f%% of the time, %d ns per element",
                  size, grown, 100 * busy, runPerElement));
      size = grown;
    }
    startWindow(now);
  }

  /** The chunksize it has reached (before any shrinking at the end of the input). */
  int size() {
    return size;
  }

  private void startWindow(ExecutorStats now) {
    windowStartNanos = System.nanoTime();
    windowRunNanos = now.runTime().toNanos();
    windowCompleted = now.tasksCompleted();
  }
}
