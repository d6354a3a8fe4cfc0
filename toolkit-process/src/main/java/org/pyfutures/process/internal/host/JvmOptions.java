package org.pyfutures.process.internal.host;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks the user's worker JVM options against the one thing they must not do: write to the worker's stdout. */
public final class JvmOptions {
  /** {@code -Xlog} forms that configure logging without naming an output. */
  private static final Set<String> XLOG_WITHOUT_OUTPUT = Set.of("disable", "async");

  private JvmOptions() {}

  /**
   * Returns an immutable copy of {@code options}, after checking that none makes the worker JVM write to its
   * stdout, which carries the pool's protocol.
   *
   * @param options the options
   * @return the options
   * @throws NullPointerException if {@code options} or one of them is null
   * @throws IllegalArgumentException naming the first option that would write to stdout, and what to use instead
   */
  public static List<String> checked(List<String> options) {
    List<String> copy = List.copyOf(Objects.requireNonNull(options, "jvmOptions"));
    for (String option : copy) {
      String instead = stdoutWriterReplacement(option);
      if (instead != null) {
        throw new IllegalArgumentException(
            "jvmOptions: " + option + " would make the worker JVM write to its stdout, which carries the pool's "
                + "protocol; " + instead);
      }
    }
    return copy;
  }

  /** What to use instead of {@code option} if it writes to stdout, else null. */
  private static String stdoutWriterReplacement(String option) {
    if (option.equals("-verbose") || option.startsWith("-verbose:")) {
      String what = option.equals("-verbose") ? "class" : option.substring("-verbose:".length());
      return "use -Xlog:" + what + ":stderr instead";
    }
    if (option.equals("--show-version")) {
      return "use -showversion, which writes to stderr";
    }
    if (option.equals("-Xlog")) {
      return "name an output: -Xlog:all:stderr";
    }
    if (option.startsWith("-Xlog:")) {
      String[] parts = option.substring("-Xlog:".length()).split(":", -1);
      if (parts.length == 1 && XLOG_WITHOUT_OUTPUT.contains(parts[0])) {
        return null;
      }
      String output = parts.length > 1 ? parts[1] : "";
      if (output.isEmpty() || output.equals("stdout") || output.equals("#0")) {
        String[] toStderr = java.util.Arrays.copyOf(parts, Math.max(2, parts.length));
        toStderr[1] = "stderr";
        return "send it to stderr or a file: -Xlog:" + String.join(":", toStderr);
      }
    }
    return null;
  }
}
