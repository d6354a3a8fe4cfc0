package org.pyfutures.process.internal.host;

import org.pyfutures.process.internal.wire.WorkerExit;

/** Describes a worker's exit status for messages: signals by name, the worker's own codes by meaning. */
final class ExitStatus {
  private ExitStatus() {}

  static String describe(int status) {
    String meaning = WorkerExit.meaning(status);
    if (meaning == null && isSignal(status)) {
      String name = signalName(status);
      meaning = "signal " + (status - 128) + (name == null ? "" : ", " + name);
    }
    return "exit code " + status + (meaning == null ? "" : " (" + meaning + ")");
  }

  private static boolean isSignal(int status) {
    return status > 128 && status < 128 + 65;
  }

  /** The signal's name for an exit status of 128 + n, or null. */
  static String signalName(int status) {
    if (!isSignal(status)) {
      return null;
    }
    return switch (status - 128) {
      case 1 -> "SIGHUP";
      case 2 -> "SIGINT";
      case 3 -> "SIGQUIT";
      case 4 -> "SIGILL";
      case 6 -> "SIGABRT";
      case 7 -> "SIGBUS";
      case 8 -> "SIGFPE";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 13 -> "SIGPIPE";
      case 15 -> "SIGTERM";
      default -> "SIG" + (status - 128);
    };
  }
}
