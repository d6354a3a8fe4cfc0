package org.pyfutures.process.internal.host;

import org.pyfutures.process.WorkerExitedException;

/** Describes a worker's exit, and makes the {@link WorkerExitedException}s that report it. */
final class WorkerExits {
  private final WorkerHandle worker;
  private final int status;
  private final Throwable problem;
  private final String description;

  WorkerExits(WorkerHandle worker, int status, Throwable problem) {
    this.worker = worker;
    this.status = status;
    this.problem = problem;
    this.description = describe(worker, status, problem);
  }

  private static String describe(WorkerHandle w, int status, Throwable problem) {
    String exit = ExitStatus.describe(status);
    if (problem instanceof org.pyfutures.process.internal.wire.CorruptStreamException corrupt) {
      return "Worker process pid " + w.pid() + " wrote something other than protocol frames to its stdout and was"
          + " stopped (" + exit + "): " + corrupt.getMessage();
    }
    if (w.state == WorkerHandle.State.STARTING || (w.tasksAssigned == 0 && w.tasksCompleted == 0)) {
      String tail = w.stderrTail();
      return "Worker process pid " + w.pid() + " exited with " + exit + " before it was ready"
          + (tail.isEmpty() ? "" : "; its last output:" + System.lineSeparator() + tail);
    }
    return "A worker process (pid " + w.pid() + ") terminated abruptly with " + exit;
  }

  String describe() {
    return description;
  }

  /** A new exception for one future (or the pool's breakage), {@code context} appended to the description. */
  WorkerExitedException exception(String context) {
    return new WorkerExitedException(
        description + context, worker.pid(), status, ExitStatus.signalName(status), problem);
  }
}
