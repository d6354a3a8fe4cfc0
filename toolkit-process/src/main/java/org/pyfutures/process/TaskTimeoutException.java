package org.pyfutures.process;

import java.time.Duration;

/**
 * Thrown when a task of a {@link ProcessPoolExecutor} runs longer than the pool's
 * {@linkplain ProcessPoolExecutor.Builder#taskTimeout task timeout}: its worker was killed and replaced, and its
 * future fails with this exception. The pool is not broken.
 */
public class TaskTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param message describes where the task ran
   * @param timeout the timeout it exceeded
   */
  public TaskTimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = timeout;
  }

  /**
   * Returns the timeout the task exceeded.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
