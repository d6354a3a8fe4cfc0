package org.pyfutures;

/**
 * Thrown for a thread pool whose worker failed to initialize (Python's {@code BrokenThreadPool}).
 */
public class BrokenThreadPoolException extends BrokenExecutorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given detail message.
   *
   * @param message the detail message
   */
  public BrokenThreadPoolException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given detail message and cause.
   *
   * @param message the detail message
   * @param cause what broke the pool, or {@code null}
   */
  public BrokenThreadPoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
