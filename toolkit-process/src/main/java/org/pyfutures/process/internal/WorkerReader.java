package org.pyfutures.process.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.InvalidStateException;
import org.pyfutures.internal.RemoteFailure;

/**
 * The thread that owns one worker's stdout: sends the HELLO, then reads every frame the worker writes and hands it
 * to the pool, and finally reports the worker gone once its stdout ends and the process has exited.
 *
 * <p>Replies are decoded here, one reader per worker, so results of different workers decode in parallel and a
 * result that cannot be decoded fails its own future only: the next frame starts at a known offset.
 */
final class WorkerReader implements Runnable {
  private static final long EXIT_WAIT_MILLIS = 5_000;
  private static final long STDERR_WAIT_MILLIS = 1_000;

  private final ProcessPool pool;
  private final WorkerProcess worker;
  private final EncodedFrame hello;
  private final KryoFactory kryos;
  private final Thread stderrThread;
  private Kryo kryo;

  WorkerReader(
      ProcessPool pool, WorkerProcess worker, EncodedFrame hello, KryoFactory kryos, Thread stderrThread) {
    this.pool = pool;
    this.worker = worker;
    this.hello = hello;
    this.kryos = kryos;
    this.stderrThread = stderrThread;
  }

  @Override
  public void run() {
    Process process = worker.process();
    Throwable problem = null;
    try {
      kryo = kryos.newKryo();
      try {
        worker.send(hello);
      } catch (IOException gone) {
        // The worker died at once; reading its stdout finds out how.
      }
      FrameReader frames = new FrameReader(process.getInputStream());
      for (Frame frame; (frame = frames.next()) != null; ) {
        handle(frames, frame);
      }
    } catch (Throwable t) {
      // A worker whose stream cannot be trusted cannot be used either; nor one whose reader failed, which cannot
      // tell which of its frames were handled. Either way the pool must hear that the worker is gone.
      problem = t;
      process.destroyForcibly();
    }
    int status = awaitExit(process);
    try {
      stderrThread.join(STDERR_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.workerGone(worker, status, problem);
  }

  private void handle(FrameReader frames, Frame frame) throws IOException {
    switch (frame.type()) {
      case Frame.READY -> pool.workerReady(worker);
      case Frame.RESULT, Frame.FAILURE -> {
        // The worker is freed for its next task before this reply is decoded.
        WorkItem item = pool.taskReplied(worker, frame.id());
        if (item == null) {
          throw new CorruptStreamException("reply to task " + frame.id() + ", which the worker was not running");
        }
        complete(item, frame, frames);
      }
      case Frame.INIT_FAILED -> pool.initializerFailed(worker, restoreFailure(frames));
      default -> throw new CorruptStreamException("unexpected " + frame);
    }
  }

  /** Decodes a reply and completes the future; a reply that cannot be decoded fails that future only. */
  private void complete(WorkItem item, Frame frame, FrameReader frames) throws IOException {
    Object value = null;
    Throwable failure;
    if (frame.type() == Frame.FAILURE) {
      failure = restoreFailure(frames);
    } else {
      try {
        value = frames.decodePayload(kryo);
        failure = null;
      } catch (UndecodablePayloadException e) {
        kryo = kryos.newKryo();
        failure = e.getCause();
      }
    }
    try {
      if (failure == null) {
        item.future.setResult(value);
      } else {
        item.future.setException(failure);
      }
    } catch (InvalidStateException completedElsewhere) {
      // Someone holding the future completed it while the task ran; their outcome stands.
    }
  }

  /** Decodes a {@link RemoteFailure} and rebuilds its exception, or returns why that was impossible. */
  private Throwable restoreFailure(FrameReader frames) throws IOException {
    RemoteFailure remote;
    try {
      remote = (RemoteFailure) frames.decodePayload(kryo);
    } catch (UndecodablePayloadException e) {
      kryo = kryos.newKryo();
      return e.getCause();
    }
    Throwable restored;
    try {
      restored = remote.restore(kryo, worker.where());
    } catch (Throwable t) {
      kryo = kryos.newKryo();
      return t;
    }
    if (restored instanceof ExecutionFailedException && remote.exception() != null) {
      // Reading the exception failed, and a Kryo that threw may keep state from the failed call.
      kryo = kryos.newKryo();
    }
    return restored;
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
}
