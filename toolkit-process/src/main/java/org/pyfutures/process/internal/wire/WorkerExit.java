package org.pyfutures.process.internal.wire;

/** What both sides know about a worker JVM's command line and exit: its main class and its own exit codes. */
public final class WorkerExit {
  /** The worker JVM's main class. */
  public static final String MAIN_CLASS = "org.pyfutures.process.internal.worker.WorkerMain";
  /** The initializer threw (after INIT_FAILED was sent). */
  public static final int INITIALIZER_FAILED = 70;
  /** The worker read something that is not the protocol, or could not write to it. */
  public static final int PROTOCOL_ERROR = 71;
  /** The pool's process died. */
  public static final int PARENT_GONE = 72;

  private WorkerExit() {}

  /**
   * Names a worker exit code that means something to the pool, or returns null.
   *
   * @param status the exit code
   * @return its meaning, or null
   */
  public static String meaning(int status) {
    return switch (status) {
      case INITIALIZER_FAILED -> "initializer failed";
      case PROTOCOL_ERROR -> "protocol error";
      case PARENT_GONE -> "pool process gone";
      default -> null;
    };
  }
}
