package org.pyfutures.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The examples' entry point: {@code java -jar pyfutures-examples.jar [subcommand] [options]}. Without a
 * subcommand it runs the tour.
 */
public final class Main {
  private static final List<Command> COMMANDS =
      List.of(new TourCommand(), new GilCommand(), new IoCommand(), new GranularityCommand(), new RaceCommand(),
          new BenchCommand(), new CrashCommand(), new ClusterCommand());

  private Main() {}

  /**
   * Runs a subcommand and exits with its status: 0 on success, 1 on failure, 2 for a bad command line.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    // As the project's tests do: Kryo's optional Unsafe paths only earn a deprecation warning on recent JDKs.
    if (System.getProperty("kryo.unsafe") == null) {
      System.setProperty("kryo.unsafe", "false");
    }
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs a subcommand.
   *
   * @param args the command line
   * @param out where tables and help go
   * @param err where errors go
   * @return the exit status: 0 on success, 1 on failure, 2 for a bad command line
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    Options options;
    try {
      Set<String> names = new LinkedHashSet<>(commands.keySet());
      names.add("jmh");
      options = Cli.parse(args, names);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(usage());
      return 2;
    }
    if (options.command().equals("jmh")) {
      return jmh(options, out, err);
    }
    Command command = commands.get(options.command());
    if (options.help()) {
      out.print(options.named() ? help(command) : usage());
      return 0;
    }
    try {
      command.run(options, out);
      return 0;
    } catch (Exception e) {
      err.println(command.name() + " failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  private static int jmh(Options options, PrintStream out, PrintStream err) {
    if (options.passThrough().contains("--help") || options.passThrough().contains("-h")) {
      out.println("usage: jmh [JMH options]   e.g. jmh W1Benchmark -f 1 -wi 3 -i 5   (JMH's own help: jmh -help)");
      return 0;
    }
    try {
      org.openjdk.jmh.Main.main(options.passThrough().toArray(String[]::new));
      return 0;
    } catch (Exception e) {
      err.println("jmh failed: " + e);
      return 1;
    }
  }

  /**
   * Returns the subcommands by name, the tour first.
   *
   * @return the subcommands
   */
  static Map<String, Command> commands() {
    Map<String, Command> byName = new LinkedHashMap<>();
    COMMANDS.forEach(c -> byName.put(c.name(), c));
    return byName;
  }

  /**
   * Returns the top-level usage text.
   *
   * @return the text
   */
  static String usage() {
    StringBuilder text = new StringBuilder();
    text.append("usage: java -jar pyfutures-examples.jar [subcommand] [--quick | --smoke] [--out DIR] [--no-progress]")
        .append(" [--no-peer] [--help]\n\n");
    text.append("subcommands (default: tour):\n");
    for (Command c : COMMANDS) {
      text.append(String.format("  %-12s %s%n", c.name(), c.summary()));
    }
    text.append(String.format("  %-12s %s%n", "jmh", "run the JMH benchmarks, e.g. jmh W1Benchmark -f 1 -wi 3 -i 5"));
    text.append(OPTIONS);
    return text.toString();
  }

  private static String help(Command command) {
    return "usage: java -jar pyfutures-examples.jar " + command.name()
        + " [--quick | --smoke] [--out DIR] [--no-progress] [--no-peer]\n\n" + command.summary() + ".\n\n"
        + command.description().strip() + "\n" + OPTIONS;
  }

  private static final String OPTIONS = """

      options:
        --quick, -q        a short run, under 30 seconds
        --smoke            a run of a few seconds that only shows everything works (figures mean nothing)
        --out DIR, -o DIR  where the JSON and PNG files go (default: the working directory)
        --no-progress      no progress bars on stderr
        --no-peer          do not run the CPython peer script (bench, tour and crash)
        --help, -h         this help
      """;
}
