package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the jar's entry point in-process: help, bad command lines, and every subcommand on tiny sizes. */
@Timeout(60)
class MainTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  /** Why this JDK cannot draw a chart (a headless JDK without fonts), or empty when it can. */
  static final Optional<String> CANNOT_DRAW = probeDrawing();

  @TempDir Path dir;

  private static Optional<String> probeDrawing() {
    try {
      Path png = Files.createTempFile("probe", ".png");
      try {
        return Charts.save(png, List.of(Charts.bars("t", "", "", List.of("a"), Map.of("s", List.of(1.0)), false)));
      } finally {
        Files.deleteIfExists(png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(args, o, e);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEverySubcommand() {
    Run run = run("--help");
    assertEquals(0, run.status());
    for (String name : new String[] {"tour", "gil", "io", "granularity", "race", "bench", "jmh", "--quick", "--out"}) {
      assertTrue(run.out().contains(name), name + " missing from:\n" + run.out());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tour", "gil", "io", "granularity", "race", "bench"})
  void eachSubcommandHasItsOwnHelp(String name) {
    Run run = run(name, "--help");
    assertEquals(0, run.status());
    assertTrue(run.out().startsWith("usage: java -jar pyfutures-examples.jar " + name), run.out());
    assertTrue(run.out().contains(name + ".json"), run.out());
  }

  @Test
  void badCommandLineExitsWithTwoAndUsage() {
    Run run = run("gil", "--fast");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("unknown option --fast"), run.err());
    assertTrue(run.err().contains("usage:"), run.err());
  }

  /** Runs a subcommand on tiny sizes; checks it printed a table and wrote its JSON and a PNG chart. */
  private Map<?, ?> smoke(String name) throws IOException {
    Run run = run(name, "--smoke", "--no-progress", "--no-peer", "--out", dir.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("---"), "no table in:\n" + run.out());
    Object json = Json.read(Files.readString(dir.resolve(name + ".json")));
    assertInstanceOf(Map.class, json);
    if (CANNOT_DRAW.isPresent()) {
      assertTrue(run.out().contains("Skipped the chart " + name + ".png: this JDK cannot draw ("), run.out());
      assertFalse(Files.exists(dir.resolve(name + ".png")));
      return (Map<?, ?>) json;
    }
    byte[] png = Files.readAllBytes(dir.resolve(name + ".png"));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4));
    assertTrue(png.length > 1_000, "PNG too small to hold a chart");
    return (Map<?, ?>) json;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tour", "gil", "io", "granularity", "race"})
  void eachSubcommandPrintsATableAndWritesJsonAndPng(String name) throws IOException {
    assertTrue(smoke(name).containsKey("machine"));
  }

  @Test
  void benchWritesThePeerScriptsKeysAndUnits() throws IOException {
    Map<?, ?> json = smoke("bench");
    assertInstanceOf(String.class, json.get("runtime"));
    assertInstanceOf(Double.class, json.get("W1"));
    Map<?, ?> w7 = (Map<?, ?>) json.get("W7");
    assertTrue(w7.containsKey("sequential_ms"));
    for (ExecutorKind kind : ExecutorKind.availableKinds()) {
      for (int workers : new int[] {1, 2, 4}) {
        assertInstanceOf(Double.class, w7.get(kind.label() + "_" + workers), kind + " x" + workers);
      }
    }
    Map<?, ?> w8 = (Map<?, ?>) json.get("W8");
    assertEquals(List.of("threads_1_ms", "threads_8_ms", "threads_64_ms"), List.copyOf(w8.keySet()));
  }
}
