package org.pyfutures.process.internal.host;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.pyfutures.InvalidStateException;
import org.pyfutures.internal.CopiedCall;
import org.pyfutures.internal.RemoteFailure;
import org.pyfutures.internal.RenewingKryo;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.process.internal.shm.SharedMemory;
import org.pyfutures.process.internal.wire.CorruptStreamException;
import org.pyfutures.process.internal.wire.Frame;
import org.pyfutures.process.internal.wire.FrameReader;
import org.pyfutures.process.internal.wire.KryoFactory;
import org.pyfutures.process.internal.wire.UndecodablePayloadException;

/**
 * The thread that owns one worker's stdout: reads every frame the worker writes and hands it to the pool, and
 * finally reports the worker gone once its stdout ends and the process has exited. It never writes to the worker.
 *
 * <p>Replies are decoded here, one reader per worker, so results of different workers decode in parallel and a
 * result that cannot be decoded fails its own future only: the next frame starts at a known offset.
 */
final class WorkerReader implements Runnable {
  private static final long EXIT_WAIT_MILLIS = 5_000;
  private static final long STDERR_WAIT_MILLIS = 3_000;
  /** How long a reader that failed waits to tell a worker that died (its stream cut short) from one still alive. */
  private static final long DIED_FIRST_MILLIS = 200;

  private final ProcessPool pool;
  private final WorkerHandle worker;
  private final KryoFactory kryos;
  private final Thread stderrThread;
  private final WatchedStream stdout;
  private final SharedMemory.Link shared;
  private volatile boolean finished;
  private long readsStartedAtLastCheck = -1;
  private RenewingKryo kryo;

  WorkerReader(
      ProcessPool pool, WorkerHandle worker, KryoFactory kryos, Thread stderrThread, SharedMemory.Link shared) {
    this.pool = pool;
    this.shared = shared;
    this.worker = worker;
    this.kryos = kryos;
    this.stderrThread = stderrThread;
    this.stdout = new WatchedStream(worker.process().getInputStream());
  }

  /** Whether this reader has reported its worker gone. */
  boolean finished() {
    return finished;
  }

  /**
   * Whether this reader has been blocked in one and the same read since the last call: what a reader looks like
   * when its worker has exited but something else holds the worker's stdout open. A reader that is decoding or
   * running callbacks is not stalled, however long it takes; one that reads what a dead worker left in the pipe
   * finishes each read at once. Called by one thread at a time.
   */
  boolean stalledSinceLastCheck() {
    long started = stdout.readsStarted;
    boolean stalled = started != stdout.readsFinished && started == readsStartedAtLastCheck;
    readsStartedAtLastCheck = started;
    return stalled;
  }

  @Override
  public void run() {
    Process process = worker.process();
    Throwable problem = null;
    boolean readAll = true;
    try {
      kryo = new RenewingKryo(kryos::newKryo);
      FrameReader frames = new FrameReader(stdout);
      frames.useSharedRegions(shared.receiver());
      for (Frame frame; (frame = frames.next()) != null; ) {
        handle(frames, frame);
      }
    } catch (Throwable t) {
      // A worker whose stream cannot be trusted cannot be used either; nor one whose reader failed, which cannot
      // tell which of its frames were handled. Either way the pool must hear that the worker is gone.
      problem = t;
      // A worker that had exited by itself wrote nothing after what broke off here; one still alive may have run
      // tasks whose replies are left unread.
      readAll = exitsWithin(process, DIED_FIRST_MILLIS);
      process.destroyForcibly();
    }
    int status = awaitExit(process);
    // Before the pool hears: a closed pool has left nothing in shared memory.
    shared.close();
    try {
      stderrThread.join(STDERR_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.workerGone(worker, status, problem, readAll);
    finished = true;
  }

  private static boolean exitsWithin(Process process, long millis) {
    try {
      return process.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void handle(FrameReader frames, Frame frame) throws IOException {
    switch (frame.type()) {
      case Frame.READY -> pool.workerReady(worker);
      case Frame.RESULT, Frame.FAILURE -> {
        // The worker is freed for its next task before this reply is decoded.
        long[] cost = frames.readReplyCost();
        WorkItem item = pool.taskReplied(worker, frame.id(), cost[1]);
        if (item == null) {
          throw new CorruptStreamException("reply to task " + frame.id() + ", which the worker was not running");
        }
        // If this throws, the item stays the worker's reply in progress, and fails when the worker is reported gone.
        complete(item, frame, frames, cost);
        pool.replyCompleted(worker, item);
      }
      case Frame.INIT_FAILED -> pool.initializerFailed(worker, restoreFailure(frames));
      case Frame.RETIRING -> pool.workerRetiring(worker);
      default -> throw new CorruptStreamException("unexpected " + frame);
    }
  }

  /** Decodes a reply and completes the future; a reply that cannot be decoded fails that future only. */
  private void complete(WorkItem item, Frame frame, FrameReader frames, long[] cost) throws IOException {
    long start = System.nanoTime();
    Object value = null;
    Throwable failure;
    if (frame.type() == Frame.FAILURE) {
      failure = restoreFailure(frames);
    } else {
      try {
        value = frames.decodePayload(kryo.current());
        failure = null;
      } catch (UndecodablePayloadException e) {
        kryo.renew();
        failure = e.getCause();
      }
    }
    StatsCounters stats = pool.stats();
    stats.copied(cost[0] + System.nanoTime() - start);
    stats.ran(cost[1]);
    stats.received(frame.length() - Frame.REPLY_COST_BYTES);
    try {
      if (failure == null) {
        item.future.setResult(item.result(value));
      } else {
        item.future.setException(failure);
      }
      stats.completed(item.weight);
    } catch (InvalidStateException completedElsewhere) {
      // Cancelled while it ran, or completed by someone holding the future: that outcome stands.
    }
  }

  /** Decodes a {@link RemoteFailure} and rebuilds its exception, or returns why that was impossible. */
  private Throwable restoreFailure(FrameReader frames) throws IOException {
    RemoteFailure remote;
    try {
      remote = (RemoteFailure) frames.decodePayload(kryo.current());
    } catch (UndecodablePayloadException e) {
      kryo.renew();
      return e.getCause();
    }
    return CopiedCall.restore(kryo, remote, worker.where());
  }

  private static int awaitExit(Process process) {
    try {
      if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        // Its stdout ended but it lives on: it cannot be talked to any more.
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /**
   * The worker's stdout, counting the reads on it for {@link #stalledSinceLastCheck()}. Only the reader thread
   * writes the counters. ({@code available()} cannot be asked instead: it waits for the lock the blocked read holds.)
   */
  private static final class WatchedStream extends FilterInputStream {
    volatile long readsStarted;
    volatile long readsFinished;

    WatchedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      readsStarted++;
      try {
        return in.read();
      } finally {
        readsFinished++;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      readsStarted++;
      try {
        return in.read(b, off, len);
      } finally {
        readsFinished++;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      readsStarted++;
      try {
        return in.skip(n);
      } finally {
        readsFinished++;
      }
    }
  }
}
