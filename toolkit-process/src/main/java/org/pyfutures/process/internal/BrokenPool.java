package org.pyfutures.process.internal;

import org.pyfutures.BrokenProcessPoolException;

/**
 * Why a pool broke. Every future it fails and every later submission gets its own exception built from it, so
 * stack traces never pile up across callers.
 *
 * @param message names the worker's pid and exit status where there is a worker to name
 * @param cause what broke it, or null
 */
record BrokenPool(String message, Throwable cause) {

  BrokenProcessPoolException exception() {
    return new BrokenProcessPoolException(message, cause);
  }

  static BrokenPool initializerFailed(WorkerProcess w, Throwable failure) {
    return new BrokenPool(
        "A process initializer failed in " + w.where() + ", the process pool is not usable anymore", failure);
  }

  static BrokenPool couldNotStart(Exception e) {
    return new BrokenPool("Could not start a worker process: " + e.getMessage(), e);
  }

  /** A worker that exited without being asked to, or whose stream could not be trusted. */
  static BrokenPool workerDied(WorkerProcess w, int status, Throwable problem) {
    String exit = ExitStatus.describe(status);
    String message;
    if (problem instanceof CorruptStreamException corrupt) {
      message =
          "Worker process pid " + w.pid() + " wrote something other than protocol frames to its stdout and was"
              + " stopped (" + exit + "): " + corrupt.getMessage();
    } else if (w.state == WorkerProcess.State.STARTING) {
      String tail = w.stderrTail();
      message =
          "Worker process pid " + w.pid() + " exited with " + exit + " before it was ready"
              + (tail.isEmpty() ? "" : "; its last output:" + System.lineSeparator() + tail);
    } else {
      message = "A worker process (pid " + w.pid() + ") terminated abruptly with " + exit;
    }
    return new BrokenPool(message + "; the process pool is not usable anymore", problem);
  }
}
