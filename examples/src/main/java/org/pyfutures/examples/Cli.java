package org.pyfutures.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command-line parser of the examples jar: {@code [subcommand] [--quick | --smoke] [--out DIR]
 * [--no-progress] [--no-peer] [--help]}, options in any position.
 */
public final class Cli {
  private Cli() {}

  /**
   * Parses the arguments.
   *
   * @param args the command line
   * @param commands the names of the known subcommands
   * @return the options; the command is {@code tour} when none was named
   * @throws UsageException for an unknown option or subcommand, a missing {@code --out} value, or two subcommands
   */
  public static Options parse(String[] args, Set<String> commands) throws UsageException {
    String command = null;
    boolean help = false;
    Options.Scale scale = Options.Scale.FULL;
    boolean progress = true;
    boolean peer = true;
    Path out = Path.of("");
    List<String> passThrough = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ("jmh".equals(command)) {
        passThrough.add(arg); // JMH parses its own options.
        continue;
      }
      switch (arg) {
        case "-h", "--help" -> help = true;
        case "-q", "--quick" -> scale = scale == Options.Scale.SMOKE ? scale : Options.Scale.QUICK;
        case "--smoke" -> scale = Options.Scale.SMOKE;
        case "--no-progress" -> progress = false;
        case "--no-peer" -> peer = false;
        case "-o", "--out" -> {
          if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
            throw new UsageException(arg + " needs a directory");
          }
          out = Path.of(args[++i]);
        }
        default -> {
          if (arg.startsWith("--out=")) {
            out = Path.of(arg.substring("--out=".length()));
          } else if (arg.startsWith("-")) {
            throw new UsageException("unknown option " + arg);
          } else if (command != null) {
            throw new UsageException("unexpected argument " + arg + " after subcommand " + command);
          } else if (!commands.contains(arg)) {
            throw new UsageException("unknown subcommand " + arg + "; expected one of " + String.join(", ", commands));
          } else {
            command = arg;
          }
        }
      }
    }
    return new Options(
        command == null ? "tour" : command, command != null, help, scale, out, progress, peer, passThrough);
  }
}
