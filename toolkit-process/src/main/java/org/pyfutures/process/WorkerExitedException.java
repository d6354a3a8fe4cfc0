package org.pyfutures.process;

import java.util.Optional;

/**
 * Thrown when a worker process exits while it holds a task: the task's future fails with it under
 * {@link OnWorkerDeath#REPLACE_WORKER}, and it is the cause of every
 * {@link org.pyfutures.BrokenProcessPoolException} of a pool that a dead worker broke. Its exit status is data:
 * {@link #pid()}, {@link #exitCode()} and {@link #signal()}.
 */
public class WorkerExitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long pid;
  private final int exitCode;
  private final String signal;

  /**
   * Creates the exception.
   *
   * @param message describes the exit
   * @param pid the worker's process id
   * @param exitCode as {@link Process#exitValue()} reports it: 128 + n for a signal n
   * @param signal the signal's name, such as {@code "SIGKILL"}, or null if it did not die of a signal
   * @param cause what else went wrong (a corrupt stream, say), or null
   */
  public WorkerExitedException(String message, long pid, int exitCode, String signal, Throwable cause) {
    super(message, cause);
    this.pid = pid;
    this.exitCode = exitCode;
    this.signal = signal;
  }

  /**
   * Returns the worker's process id.
   *
   * @return the pid
   */
  public long pid() {
    return pid;
  }

  /**
   * Returns the worker's exit code as {@link Process#exitValue()} reports it: 128 + n for a signal n.
   *
   * @return the exit code
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Returns the name of the signal that ended the worker, if one did.
   *
   * @return for example {@code "SIGKILL"}, or empty
   */
  public Optional<String> signal() {
    return Optional.ofNullable(signal);
  }
}
