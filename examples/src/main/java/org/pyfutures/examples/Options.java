package org.pyfutures.examples;

import java.nio.file.Path;
import java.util.List;

/**
 * The parsed command line of the examples jar: which subcommand to run and how.
 *
 * @param command the subcommand ({@code tour} when none was named)
 * @param help whether {@code --help} was given
 * @param quick whether to run the short version (under 30 seconds)
 * @param out the directory that receives JSON and PNG files
 * @param progress whether to draw progress bars on stderr
 * @param peer whether to run the CPython peer script when {@code python3} is on the PATH
 * @param passThrough arguments after the subcommand that the subcommand takes verbatim ({@code jmh} only)
 */
public record Options(
    String command, boolean help, boolean quick, Path out, boolean progress, boolean peer, List<String> passThrough) {

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
    return new Options(command, false, false, Path.of(""), true, true, List.of());
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
