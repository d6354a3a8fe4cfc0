package org.pyfutures.process.internal;

/** Describes a worker's exit status for messages: signals by name, the worker's own codes by meaning. */
final class ExitStatus {
  private ExitStatus() {}

  static String describe(int status) {
    String meaning =
        switch (status) {
          case WorkerMain.EXIT_INITIALIZER_FAILED -> "initializer failed";
          case WorkerMain.EXIT_PROTOCOL_ERROR -> "protocol error";
          case WorkerMain.EXIT_PARENT_GONE -> "pool process gone";
          default -> status > 128 && status < 128 + 65 ? signal(status - 128) : null;
        };
    return "exit code " + status + (meaning == null ? "" : " (" + meaning + ")");
  }

  private static String signal(int number) {
    String name =
        switch (number) {
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
          default -> null;
        };
    return "signal " + number + (name == null ? "" : ", " + name);
  }
}
