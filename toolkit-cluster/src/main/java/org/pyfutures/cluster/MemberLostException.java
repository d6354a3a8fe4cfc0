package org.pyfutures.cluster;

/**
 * Thrown for a task whose cluster member left the cluster (crashed, was killed, was shut down or became
 * unreachable) while the task was running on it. Only the futures of tasks on that member fail with it; the
 * executor carries on with the members that remain.
 *
 * <p>The message names the member's address, and its process id when the member is a local member that the
 * executor started.
 */
public class MemberLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given detail message.
   *
   * @param message the detail message, naming the member
   */
  public MemberLostException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given detail message and cause.
   *
   * @param message the detail message, naming the member
   * @param cause what Hazelcast reported, or {@code null}
   */
  public MemberLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
