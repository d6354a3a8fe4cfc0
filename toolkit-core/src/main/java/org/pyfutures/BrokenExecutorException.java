package org.pyfutures;

import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown when an executor can no longer run work because it is broken: a worker failed to initialize, or a
 * worker process died (Python's {@code BrokenExecutor}). It is a {@link RejectedExecutionException}, so code
 * written for {@code java.util.concurrent} treats a broken pool like a shut-down one.
 *
 * <p>Each affected future gets its own instance, so stack traces never accumulate across callers.
 */
public class BrokenExecutorException extends RejectedExecutionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given detail message.
   *
   * @param message the detail message
   */
  public BrokenExecutorException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given detail message and cause.
   *
   * @param message the detail message
   * @param cause what broke the executor, or {@code null}
   */
  public BrokenExecutorException(String message, Throwable cause) {
    super(message, cause);
  }
}
