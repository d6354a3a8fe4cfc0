package org.pyfutures;

/**
 * Thrown for an interpreter pool whose interpreter failed to initialize (Python's {@code BrokenInterpreterPool}).
 */
public class BrokenInterpreterPoolException extends BrokenThreadPoolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given detail message.
   *
   * @param message the detail message
   */
  public BrokenInterpreterPoolException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given detail message and cause.
   *
   * @param message the detail message
   * @param cause what broke the pool, or {@code null}
   */
  public BrokenInterpreterPoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
