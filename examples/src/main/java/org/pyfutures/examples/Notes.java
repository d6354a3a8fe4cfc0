package org.pyfutures.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Short remarks several subcommands print. */
final class Notes {
  private Notes() {}

  /** Says which executors this build lacks, so their empty columns are explained. */
  static void missingKinds(PrintStream out) {
    List<String> missing =
        Arrays.stream(ExecutorKind.values()).filter(k -> !k.available()).map(ExecutorKind::label).toList();
    if (!missing.isEmpty()) {
      out.println("(not in this build yet, so left out: " + String.join(", ", missing) + ")");
    }
  }
}
