package org.pyfutures.examples;

import java.nio.file.Path;
import java.util.List;

/**
 * The parsed command line of the examples jar: which subcommand to run and how.
 *
 * @param command the subcommand ({@code tour} when none was named)
 * @param named whether the subcommand was named on the command line
 * @param help whether {@code --help} was given
 * @param scale how long to measure
 * @param out the directory that receives JSON and PNG files
 * @param progress whether to draw progress bars on stderr
 * @param peer whether to run the CPython peer script when {@code python3} is on the PATH
 * @param passThrough arguments after the subcommand that the subcommand takes verbatim ({@code jmh} only)
 */
public record Options(
    String command,
    boolean named,
    boolean help,
    Scale scale,
    Path out,
    boolean progress,
    boolean peer,
    List<String> passThrough) {

  /** How long a subcommand measures. */
  public enum Scale {
    /** The default: sizes that give stable figures. */
    FULL,
    /** {@code --quick}: the whole subcommand in under 30 seconds. */
    QUICK,
    /** {@code --smoke}: tiny sizes that only show everything works; the figures mean nothing. */
    SMOKE
  }

  /** Copies the pass-through list. */
  public Options {
    passThrough = List.copyOf(passThrough);
  }

  /**
   * Returns the defaults for a subcommand: full run, files into the working directory, progress on, peer on.
   *
   * @param command the subcommand
   * @return the options
   */
  public static Options defaults(String command) {
    return new Options(command, true, false, Scale.FULL, Path.of(""), true, true, List.of());
  }

  /**
   * Picks the setting for this run's scale.
   *
   * @param full the value for a full run
   * @param quick the value for {@code --quick}
   * @param smoke the value for {@code --smoke}
   * @param <T> the setting's type
   * @return one of the three
   */
  public <T> T pick(T full, T quick, T smoke) {
    return switch (scale) {
      case FULL -> full;
      case QUICK -> quick;
      case SMOKE -> smoke;
    };
  }

  /**
   * Returns whether this is a shortened run ({@code --quick} or {@code --smoke}).
   *
   * @return {@code true} unless full
   */
  public boolean quick() {
    return scale != Scale.FULL;
  }

  /**
   * Returns the path of an output file in {@link #out()}.
   *
   * @param fileName the file's name
   * @return the path
   */
  public Path outFile(String fileName) {
    return out.resolve(fileName);
  }
}
