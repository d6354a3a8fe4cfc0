package org.pyfutures;

/**
 * Thrown for a process pool whose worker process died abruptly or failed to start or initialize (Python's {@code BrokenProcessPool}); the message names the worker's pid and exit code where known.
 */
public class BrokenProcessPoolException extends BrokenExecutorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given detail message.
   *
   * @param message the detail message
   */
  public BrokenProcessPoolException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given detail message and cause.
   *
   * @param message the detail message
   * @param cause what broke the pool, or {@code null}
   */
  public BrokenProcessPoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
