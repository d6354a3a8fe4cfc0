package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import org.pyfutures.process.internal.wire.EncodedFrame;

/**
 * The thread that owns one worker's stdin: it writes the frames the pool hands it, in order, then closes the
 * stream when asked. Nothing else writes to a worker, so no thread that reads a worker's replies (or completes
 * futures) ever blocks on a full pipe to it: the worker's replies are always drained while work is written to it,
 * whatever the payload sizes in either direction.
 */
final class WorkerWriter implements Runnable {
  private static final Object CLOSE = new Object();

  private final OutputStream stdin;
  private final Process process;
  private final TaskStarts starts;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();

  /** Told when a task's frame has been written: its task timeout starts then. */
  @FunctionalInterface
  interface TaskStarts {
    void started(WorkItem item);
  }

  WorkerWriter(Process process, TaskStarts starts) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.starts = starts;
  }

  /** Queues a frame; never blocks. */
  void send(EncodedFrame frame) {
    offer(frame);
  }

  /** Queues a task's frame; never blocks. */
  void send(WorkItem item, EncodedFrame frame) {
    offer(new Task(item, frame));
  }

  /** Queues the end of the worker's stdin, after everything queued before it. */
  void close() {
    offer(CLOSE);
  }

  private synchronized void offer(Object o) {
    queue.add(o);
    notifyAll();
  }

  private synchronized Object take() throws InterruptedException {
    while (queue.isEmpty()) {
      wait();
    }
    return queue.poll();
  }

  @Override
  public void run() {
    try {
      for (; ; ) {
        Object next = take();
        if (next == CLOSE) {
          stdin.close();
          return;
        }
        if (next instanceof Task task) {
          task.frame().writeTo(stdin);
          task.item().startedNanos = System.nanoTime();
          starts.started(task.item());
        } else {
          ((EncodedFrame) next).writeTo(stdin);
        }
      }
    } catch (IOException | InterruptedException e) {
      // The worker is gone or cannot be written to; its reader reports how it ended, failing what it held.
      process.destroyForcibly();
    }
  }

  private record Task(WorkItem item, EncodedFrame frame) {}
}
