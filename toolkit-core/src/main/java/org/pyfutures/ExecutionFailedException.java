package org.pyfutures;

/**
 * Stands in for a task's exception that could not be copied back across a boundary, because its class is
 * missing on this side or it cannot be serialized (Python's {@code ExecutionFailed}).
 *
 * <p>It keeps what could be copied: the original class name, the message, and the remote stack frames, which
 * are this exception's own stack trace. A {@link RemoteTraceback} is attached as a suppressed exception.
 */
public class ExecutionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  /**
   * Creates a stand-in for a remote exception.
   *
   * @param originalClassName the binary name of the exception class raised remotely
   * @param originalMessage the remote exception's message, or {@code null}
   * @param remoteStack the remote exception's stack frames
   */
  public ExecutionFailedException(
      String originalClassName, String originalMessage, StackTraceElement[] remoteStack) {
    super(originalClassName + (originalMessage == null ? "" : ": " + originalMessage));
    this.originalClassName = originalClassName;
    setStackTrace(remoteStack.clone());
  }

  /**
   * Returns the binary name of the exception class that was raised remotely.
   *
   * @return the original class name
   */
  public String originalClassName() {
    return originalClassName;
  }
}
