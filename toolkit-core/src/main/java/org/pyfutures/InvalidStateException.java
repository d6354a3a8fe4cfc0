package org.pyfutures;

/**
 * Thrown when an operation is not allowed in the current state of a {@link Future}, such as completing a future
 * that is already done (Python's {@code InvalidStateError}).
 */
public class InvalidStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given detail message.
   *
   * @param message the detail message
   */
  public InvalidStateException(String message) {
    super(message);
  }
}
