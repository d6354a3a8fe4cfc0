package org.pyfutures.process.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The pool's handle on one worker JVM.
 *
 * <p>Lifecycle, every transition under the pool's lock: {@code STARTING} (created, then launched by the manager)
 * → {@code IDLE} (READY received) ⇄ {@code BUSY} (one task dispatched, until its reply) → gone (removed from the
 * pool once its reader has seen the end of its stdout and the process has exited). A worker is never sent a second
 * task before the first one's reply, so a task waits in the pool, cancellable, until a worker is free for it.
 */
final class WorkerProcess {
  enum State {
    STARTING,
    IDLE,
    BUSY
  }

  final int number;

  // Guarded by the pool's lock.
  State state = State.STARTING;
  boolean launched;
  WorkItem current;
  /**
   * The item whose reply the reader is decoding: no longer the worker's current task (the worker may already run
   * the next one), but not complete either. Failed with the others if the worker goes before it is complete.
   */
  WorkItem replying;
  int tasksAssigned;
  /** Reached maxTasksPerChild: gets no more tasks and is asked to exit after its last reply. */
  boolean retiring;
  /** Asked to exit by closing its stdin; an exit with nothing in flight is then expected. */
  boolean stdinClosed;
  /** What stopped it on purpose ({@code "terminateWorkers()"}, ...), or null. */
  String forcedBy;
  /** The initializer's exception, once the worker reported one. */
  Throwable initializerFailure;
  boolean goneReported;

  // Set once by attach(), before the threads that use them start.
  private Process process;
  private OutputStream stdin;
  private StderrForwarder stderr;
  private final Object writeLock = new Object();

  WorkerProcess(int number) {
    this.number = number;
  }

  void attach(Process process, StderrForwarder stderr) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stderr = stderr;
  }

  Process process() {
    return process;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  String where() {
    return "worker pid " + pid();
  }

  String stderrTail() {
    return stderr == null ? "" : stderr.tail();
  }

  /** Writes a frame to the worker's stdin. */
  void send(EncodedFrame frame) throws IOException {
    synchronized (writeLock) {
      frame.writeTo(stdin);
    }
  }

  /** Asks the worker to exit: it does once it reads the end of its stdin. */
  void closeStdin() {
    synchronized (writeLock) {
      try {
        stdin.close();
      } catch (IOException alreadyGone) {
        // The worker has exited; its reader reports that.
      }
    }
  }

  void destroy(boolean forcibly) {
    if (process != null) {
      if (forcibly) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
    }
  }

  @Override
  public String toString() {
    return "worker " + number + " (pid " + pid() + ", " + state + ")";
  }
}
