package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CliTest {
  private static final Set<String> COMMANDS = Set.of("tour", "gil", "io", "granularity", "race", "bench", "jmh");

  @Test
  void noArgumentsRunTheFullTour() throws UsageException {
    Options options = Cli.parse(new String[0], COMMANDS);
    assertEquals("tour", options.command());
    assertFalse(options.named());
    assertFalse(options.help());
    assertEquals(Options.Scale.FULL, options.scale());
    assertEquals(Path.of(""), options.out());
    assertTrue(options.progress());
    assertTrue(options.peer());
  }

  @Test
  void optionsMayComeBeforeOrAfterTheSubcommand() throws UsageException {
    Options options = Cli.parse(new String[] {"--quick", "gil", "--out", "results", "--no-progress"}, COMMANDS);
    assertEquals("gil", options.command());
    assertTrue(options.named());
    assertEquals(Options.Scale.QUICK, options.scale());
    assertEquals(Path.of("results"), options.out());
    assertFalse(options.progress());
    assertEquals(Path.of("results", "gil.json"), options.outFile("gil.json"));
  }

  @Test
  void outAcceptsTheEqualsForm() throws UsageException {
    assertEquals(Path.of("/tmp/x"), Cli.parse(new String[] {"bench", "--out=/tmp/x"}, COMMANDS).out());
  }

  @Test
  void smokeWinsOverQuickInEitherOrder() throws UsageException {
    assertEquals(Options.Scale.SMOKE, Cli.parse(new String[] {"--smoke", "-q"}, COMMANDS).scale());
    assertEquals(Options.Scale.SMOKE, Cli.parse(new String[] {"-q", "--smoke"}, COMMANDS).scale());
  }

  @Test
  void pickFollowsTheScale() throws UsageException {
    assertEquals(1, Cli.parse(new String[] {"race"}, COMMANDS).pick(1, 2, 3));
    assertEquals(2, Cli.parse(new String[] {"race", "--quick"}, COMMANDS).pick(1, 2, 3));
    assertEquals(3, Cli.parse(new String[] {"race", "--smoke"}, COMMANDS).pick(1, 2, 3));
  }

  @Test
  void helpAndNoPeerAreFlags() throws UsageException {
    Options options = Cli.parse(new String[] {"bench", "-h", "--no-peer"}, COMMANDS);
    assertTrue(options.help());
    assertFalse(options.peer());
  }

  @Test
  void jmhTakesEverythingAfterItVerbatim() throws UsageException {
    Options options = Cli.parse(new String[] {"jmh", "W1Benchmark", "-f", "1", "--quick"}, COMMANDS);
    assertEquals("jmh", options.command());
    assertEquals(List.of("W1Benchmark", "-f", "1", "--quick"), options.passThrough());
    assertEquals(Options.Scale.FULL, options.scale());
  }

  @Test
  void badCommandLinesSayWhatIsWrong() {
    assertTrue(assertThrows(UsageException.class, () -> Cli.parse(new String[] {"--fast"}, COMMANDS))
        .getMessage().contains("--fast"));
    assertTrue(assertThrows(UsageException.class, () -> Cli.parse(new String[] {"gill"}, COMMANDS))
        .getMessage().contains("gill"));
    assertTrue(assertThrows(UsageException.class, () -> Cli.parse(new String[] {"gil", "--out"}, COMMANDS))
        .getMessage().contains("--out"));
    assertTrue(assertThrows(UsageException.class, () -> Cli.parse(new String[] {"gil", "--out", "-q"}, COMMANDS))
        .getMessage().contains("--out"));
    assertTrue(assertThrows(UsageException.class, () -> Cli.parse(new String[] {"gil", "io"}, COMMANDS))
        .getMessage().contains("io"));
  }
}
