package org.pyfutures.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.pyfutures.Future;
import org.pyfutures.MapOptions;
import org.pyfutures.TaskFunction;

/**
 * The results of {@code Executor.map}, in input order (CPython's {@code result_iterator}).
 *
 * <p>Each submitted unit is one element, or one chunk of elements on a copying pool. Without a buffersize every
 * unit is submitted by the constructor; with one, the constructor submits {@code buffersize} units and each
 * step submits one more before it waits, so at most {@code buffersize + 1} are outstanding. Any exception out of
 * a step, and closing the stream, cancels every unit not yet consumed.
 *
 * <p>With an automatic chunksize on a copying pool a {@link ChunkSizer} sizes each chunk, and units are always
 * submitted step by step as above, {@link ChunkSizer#ahead()} of them when the caller set no buffersize.
 *
 * <p>Not thread-safe: a stream is consumed by one thread.
 */
final class MapIterator<A, R> implements Iterator<R> {
  private final AbstractExecutor executor;
  private final TaskFunction<? super A, ? extends R> fn;
  private final Iterator<? extends A> input;
  private final int chunksize;
  private final boolean chunked;
  private final boolean timed;
  private final long deadline;
  private final boolean buffered;
  private final ChunkSizer sizer;
  private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
  private Iterator<R> currentChunk = Collections.emptyIterator();
  private boolean failed;

  MapIterator(
      AbstractExecutor executor,
      TaskFunction<? super A, ? extends R> fn,
      Iterator<? extends A> input,
      MapOptions options,
      boolean copying,
      long size) {
    this.executor = executor;
    this.fn = fn;
    this.input = input;
    this.timed = options.timeout() != null;
    this.deadline = timed ? Durations.deadline(options.timeout()) : 0;
    this.sizer = copying && options.autoChunksize() ? new ChunkSizer(executor, size) : null;
    this.chunksize = !copying || options.autoChunksize() ? 1 : options.chunksize();
    this.chunked = chunksize > 1 || sizer != null;
    Integer buffersize = options.buffersize();
    if (buffersize == null && sizer != null) {
      buffersize = sizer.ahead();
    }
    this.buffered = buffersize != null;
    try {
      for (int i = 0; (buffersize == null || i < buffersize) && submitNext(); i++) {
        // Each iteration submits one unit.
      }
    } catch (RuntimeException | Error e) {
      cancelAll();
      throw e;
    }
  }

  Stream<R> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
        .onClose(this::cancelAll);
  }

  /** Submits the next element or chunk; returns false when the input is exhausted. */
  private boolean submitNext() {
    if (!input.hasNext()) {
      return false;
    }
    if (!chunked) {
      inFlight.add(executor.submit(fn, input.next()));
      return true;
    }
    int size = sizer != null ? sizer.next() : chunksize;
    List<A> chunk = new ArrayList<>(size);
    while (chunk.size() < size && input.hasNext()) {
      chunk.add(input.next());
    }
    if (sizer != null) {
      sizer.taken(chunk.size());
    }
    inFlight.add(executor.submit(new Tasks.Chunk<A, R>(fn, chunk)));
    return true;
  }

  @Override
  public boolean hasNext() {
    if (currentChunk.hasNext()) {
      return true;
    }
    if (failed) {
      return false;
    }
    try {
      if (buffered) {
        submitNext();
      }
      Future<?> next = inFlight.poll();
      if (next == null) {
        return false;
      }
      currentChunk = await(next);
      if (sizer != null) {
        sizer.observe();
      }
      return true; // a unit always holds at least one element
    } catch (RuntimeException | Error e) {
      failed = true;
      cancelAll();
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private Iterator<R> await(Future<?> future) {
    try {
      Object value =
          timed ? future.result(Duration.ofNanos(deadline - System.nanoTime())) : future.result();
      return chunked ? ((List<R>) value).iterator() : Collections.singletonList((R) value).iterator();
    } finally {
      // Cancels the awaited unit if the wait timed out before it started (CPython gh-95166).
      future.cancel();
    }
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return currentChunk.next();
  }

  private void cancelAll() {
    for (Future<?> f; (f = inFlight.poll()) != null; ) {
      f.cancel();
    }
  }
}
