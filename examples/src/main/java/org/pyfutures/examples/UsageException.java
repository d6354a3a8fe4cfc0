package org.pyfutures.examples;

/** A command line the examples jar cannot run; its message says why, and the caller prints usage. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the command line
   */
  public UsageException(String message) {
    super(message);
  }
}
