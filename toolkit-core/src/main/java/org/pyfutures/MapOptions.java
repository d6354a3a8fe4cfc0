package org.pyfutures;

import java.time.Duration;
import java.util.Objects;

/**
 * Options for {@link Executor#map(TaskFunction, Iterable, MapOptions)}: start from {@link #defaults()} and
 * adjust with the {@code with} methods.
 *
 * @param timeout how long the whole map may take, counted from the {@code map} call; {@code null} for no limit.
 *     Iteration throws {@link com.google.common.util.concurrent.UncheckedTimeoutException} once it is exceeded;
 *     a negative timeout is treated as zero.
 * @param chunksize how many elements form one task on pools that copy work across a boundary (interpreter and
 *     process pools); at least 1, or 0 for "auto" ({@link #withAutoChunksize()}). The thread pool runs one element
 *     per task whatever the chunksize.
 * @param buffersize how many tasks (chunks, when chunked) may be submitted ahead of the one being consumed; at
 *     least 1, or {@code null} to submit every element before {@code map} returns. Bounded buffering lets
 *     {@code map} consume an infinite input.
 */
public record MapOptions(Duration timeout, int chunksize, Integer buffersize) {
  private static final MapOptions DEFAULTS = new MapOptions(null, 1, null);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if {@code chunksize < 0} or {@code buffersize < 1}
   */
  public MapOptions {
    if (chunksize < 0) {
      throw new IllegalArgumentException("chunksize must be >= 1, or 0 for auto, was " + chunksize);
    }
    if (buffersize != null && buffersize < 1) {
      throw new IllegalArgumentException("buffersize must be null or >= 1, was " + buffersize);
    }
  }

  /**
   * Returns the defaults: no timeout, chunksize 1, unbounded buffering (every element submitted at once).
   *
   * @return the default options
   */
  public static MapOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with a timeout.
   *
   * @param timeout the timeout for the whole map, counted from the {@code map} call
   * @return new options
   */
  public MapOptions withTimeout(Duration timeout) {
    return new MapOptions(Objects.requireNonNull(timeout, "timeout"), chunksize, buffersize);
  }

  /**
   * Returns these options with a chunksize.
   *
   * @param chunksize elements per task on copying pools, at least 1
   * @return new options
   * @throws IllegalArgumentException if {@code chunksize < 1}
   */
  public MapOptions withChunksize(int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be >= 1, was " + chunksize);
    }
    return new MapOptions(timeout, chunksize, buffersize);
  }

  /**
   * Returns these options with the chunksize chosen by the pool: {@link #chunksize()} then returns 0. A copying
   * pool starts with one element per task and grows the chunk while copying, transport and waiting take more than
   * about a tenth of its workers' time; chunks stay small enough that every worker gets work to the end, and
   * shrink towards the end of an input whose size is known (a {@link java.util.Collection}). Results, order,
   * {@code timeout}, {@code buffersize} (which then bounds chunks in flight) and cancellation behave as with a
   * fixed chunksize. Without a buffersize, chunks are submitted as results are consumed, a few per worker ahead,
   * so that later chunks can use what earlier ones measured. Each chunksize chosen is logged at {@code FINE}
   * through the {@code org.pyfutures} {@link System.Logger}. The thread pool runs one element per task.
   *
   * @return new options
   */
  public MapOptions withAutoChunksize() {
    return new MapOptions(timeout, 0, buffersize);
  }

  /**
   * Returns whether the pool chooses the chunksize ({@link #withAutoChunksize()}).
   *
   * @return {@code chunksize() == 0}
   */
  public boolean autoChunksize() {
    return chunksize == 0;
  }

  /**
   * Returns these options with a bound on the tasks submitted ahead.
   *
   * @param buffersize tasks in flight ahead of the consumer, at least 1
   * @return new options
   */
  public MapOptions withBuffersize(int buffersize) {
    return new MapOptions(timeout, chunksize, buffersize);
  }
}
