package org.pyfutures.process.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/** A worker's stderr is forwarded line by line with a prefix, and no line costs more than a bounded buffer. */
@Timeout(30)
@Isolated
class StderrForwarderTest {

  private static List<String> forward(String text) {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new StderrForwarder(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "[w] ").run();
    } finally {
      System.setErr(saved);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void linesArePrefixedAndAnUnfinishedLastLineIsKept() {
    assertEquals(List.of("[w] one", "[w] two", "[w] three"), forward("one\ntwo\r\nthree"));
  }

  @Test
  void aLineWithoutEndIsPassedOnInBoundedPieces() {
    int size = 5 * StderrForwarder.MAX_LINE_CHARS + 17;
    List<String> lines = forward("y".repeat(size) + "\nafter\n");
    assertTrue(lines.stream().allMatch(l -> l.length() <= "[w] ".length() + StderrForwarder.MAX_LINE_CHARS),
        () -> "longest: " + lines.stream().mapToInt(String::length).max().orElse(0));
    assertEquals(size, lines.stream().filter(l -> l.startsWith("[w] y")).mapToInt(l -> l.length() - 4).sum());
    assertEquals("[w] after", lines.get(lines.size() - 1));
  }
}
