package org.pyfutures.cluster;

import org.pyfutures.BrokenExecutorException;

/**
 * Thrown for a {@link ClusterExecutor} that can run no more work: every member has left the cluster, or an
 * initializer failed on a member. Every queued future of a broken executor fails with its own instance, and so
 * does every later submission.
 */
public class BrokenClusterException extends BrokenExecutorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given detail message.
   *
   * @param message the detail message
   */
  public BrokenClusterException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given detail message and cause.
   *
   * @param message the detail message
   * @param cause what broke the executor, or {@code null}
   */
  public BrokenClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
