package org.pyfutures.process.internal.host;

import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.process.WorkerExitedException;

/**
 * Why a pool broke. Every future it fails and every later submission gets its own exception built from it, so
 * stack traces never pile up across callers.
 *
 * @param message names the worker's pid and exit status where there is a worker to name
 * @param cause what broke it: a {@link WorkerExitedException} when a worker died, else the failure, or null
 */
record BrokenPool(String message, Throwable cause) {
  private static final String UNUSABLE = "; the process pool is not usable anymore";

  BrokenProcessPoolException exception() {
    return new BrokenProcessPoolException(message, cause);
  }

  static BrokenPool initializerFailed(WorkerHandle w, Throwable failure) {
    return new BrokenPool(
        "A process initializer failed in " + w.where() + ", the process pool is not usable anymore", failure);
  }

  static BrokenPool couldNotStart(Throwable e) {
    return new BrokenPool("Could not start a worker process: " + e + UNUSABLE, e);
  }

  /** A worker that exited without being asked to, or whose stream could not be trusted. */
  static BrokenPool workerDied(WorkerHandle w, WorkerExits exit) {
    return new BrokenPool(exit.describe() + UNUSABLE, exit.exception(""));
  }

  /** Under REPLACE_WORKER, too many workers in a row died before finishing a task. */
  static BrokenPool crashLoop(int deaths, WorkerExitedException last) {
    return new BrokenPool(
        deaths + " worker processes in a row died before finishing a task, the last: " + last.getMessage() + UNUSABLE,
        last);
  }
}
