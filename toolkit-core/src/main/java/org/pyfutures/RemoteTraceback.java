package org.pyfutures;

/**
 * The record of where an exception was raised when it crossed a boundary: attached as a
 * {@linkplain Throwable#getSuppressed() suppressed} exception to a task's exception that was copied back from
 * another interpreter or worker process (Python's {@code _RemoteTraceback}).
 *
 * <p>The message names the place the task ran, for example {@code "worker pid 4242"} or
 * {@code "interpreter 3"}, followed by the remote stack as it was printed there. This exception has no stack
 * trace of its own; the copied exception keeps the remote frames in its own stack trace.
 */
public final class RemoteTraceback extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String where;
  private final String remoteTrace;

  /**
   * Creates a record of a remote failure.
   *
   * @param where where the task ran, such as {@code "worker pid 4242"}
   * @param remoteTrace the remote stack trace as printed by {@link Throwable#printStackTrace()}
   */
  public RemoteTraceback(String where, String remoteTrace) {
    super("raised in " + where + "\n" + remoteTrace, null, false, false);
    this.where = where;
    this.remoteTrace = remoteTrace;
  }

  /**
   * Returns where the task ran.
   *
   * @return a description such as {@code "worker pid 4242"}
   */
  public String where() {
    return where;
  }

  /**
   * Returns the remote stack trace as it was printed where the task ran.
   *
   * @return the formatted remote stack trace
   */
  public String remoteTrace() {
    return remoteTrace;
  }
}
