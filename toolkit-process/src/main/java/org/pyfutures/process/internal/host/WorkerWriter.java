package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.pyfutures.process.internal.shm.SharedSender;
import org.pyfutures.process.internal.wire.EncodedFrame;

/**
 * The thread that owns one worker's stdin: it writes the frames the pool hands it, in order, then closes the
 * stream when asked. No thread that reads a worker's replies (or completes futures) ever writes to it, so none
 * blocks on a full pipe to it: the worker's replies are always drained while work is written to it, whatever the
 * payload sizes in either direction.
 *
 * <p>Frames that queued up while the writer was busy leave together: all are written, then the stream is flushed
 * once, so a burst of small tasks costs one system call rather than one each. The pool queues every frame of one
 * dispatch before it wakes the writer ({@link #queue}, then {@link #wake}), so the writer wakes once per burst.
 *
 * <p>One shortcut saves a thread wake-up on the way to an idle worker: a submitting thread (never a reader) whose
 * task goes to a worker that holds nothing else may {@linkplain #claimInline claim} the stream and write the frame
 * itself. That worker is waiting on its stdin, so the write cannot wait for a task to finish.
 */
final class WorkerWriter implements Runnable {
  private static final Object CLOSE = new Object();
  /** Bytes a batch may reach before it is flushed; a larger frame leaves on its own. */
  private static final long BATCH_BYTES = 1 << 16;

  private final OutputStream stdin;
  private final Process process;
  private final TaskStarts starts;
  /** Puts a large task's payload into shared memory, whichever thread writes it (one at a time, in order). */
  private final SharedSender shared;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  // Guarded by this: a frame is being written, by this writer's thread or inline by a submitter.
  private boolean writing;

  /** Told when a task's frame has been written: its task timeout may start then. */
  @FunctionalInterface
  interface TaskStarts {
    void started(WorkItem item);
  }

  WorkerWriter(Process process, TaskStarts starts, SharedSender shared) {
    this.process = process;
    this.shared = shared;
    this.stdin = process.getOutputStream();
    this.starts = starts;
  }

  /** Queues a frame; never blocks. */
  void send(EncodedFrame frame) {
    offer(frame);
  }

  /** Queues a task's frame without waking the writer: the caller calls {@link #wake} once it has queued all. */
  synchronized void queue(WorkItem item, EncodedFrame frame) {
    queue.add(new Task(item, frame));
  }

  /** Wakes the writer for what {@link #queue} queued. */
  synchronized void wake() {
    notifyAll();
  }

  /**
   * Claims the stream for the caller to write a task's frame itself, if nothing is queued or being written;
   * otherwise queues the frame and wakes the writer.
   *
   * @return whether the caller must now call {@link #writeInline}
   */
  synchronized boolean claimInline(WorkItem item, EncodedFrame frame) {
    if (!writing && queue.isEmpty()) {
      writing = true;
      return true;
    }
    queue.add(new Task(item, frame));
    notifyAll();
    return false;
  }

  /** Writes a frame after {@link #claimInline} returned true, then hands the stream back. */
  void writeInline(WorkItem item, EncodedFrame frame) {
    try {
      shared.divert(frame).writeTo(stdin);
      written(List.of(new Task(item, frame)));
    } catch (IOException | RuntimeException | Error e) {
      process.destroyForcibly();
    } finally {
      release();
    }
  }

  private synchronized void release() {
    writing = false;
    // Only the writer thread waits, and only for frames: waking it for nothing costs a context switch per task.
    if (!queue.isEmpty()) {
      notifyAll();
    }
  }

  /** Queues the end of the worker's stdin, after everything queued before it. */
  void close() {
    offer(CLOSE);
  }

  private synchronized void offer(Object o) {
    queue.add(o);
    notifyAll();
  }

  /** Waits for queued frames, claims the stream and takes a batch of them (ending at CLOSE, if queued). */
  private synchronized List<Object> take() throws InterruptedException {
    while (queue.isEmpty() || writing) {
      wait();
    }
    writing = true;
    List<Object> batch = new ArrayList<>();
    long bytes = 0;
    for (Object next; (next = queue.peek()) != null && (batch.isEmpty() || bytes < BATCH_BYTES); ) {
      batch.add(queue.poll());
      if (next == CLOSE) {
        break;
      }
      bytes += frameOf(next).length();
    }
    return batch;
  }

  private static EncodedFrame frameOf(Object queued) {
    return queued instanceof Task task ? task.frame() : (EncodedFrame) queued;
  }

  /** Writes one frame, leaving it to the caller to flush. */
  private void write(Object next) throws IOException {
    if (next instanceof Task task) {
      shared.divert(task.frame()).writeUnflushed(stdin);
    } else {
      ((EncodedFrame) next).writeUnflushed(stdin);
    }
  }

  /** The tasks among {@code written} are in the worker's stdin now: their timeouts may start. */
  private void written(List<Object> written) {
    long now = System.nanoTime();
    for (Object o : written) {
      if (o instanceof Task task) {
        task.item().writtenNanos = now;
        starts.started(task.item());
      }
    }
  }

  @Override
  public void run() {
    try {
      for (; ; ) {
        List<Object> batch = take();
        try {
          for (Object next : batch) {
            if (next == CLOSE) {
              stdin.flush();
              written(batch);
              stdin.close();
              return;
            }
            write(next);
          }
          stdin.flush();
          written(batch);
        } finally {
          release();
        }
      }
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      // The worker is gone or cannot be written to; its reader reports how it ended, failing what it held.
      process.destroyForcibly();
      if (e instanceof RuntimeException || e instanceof Error) {
        System.getLogger("org.pyfutures.process").log(System.Logger.Level.ERROR, "writer of " + process + " failed", e);
      }
    }
  }

  private record Task(WorkItem item, EncodedFrame frame) {}
}
