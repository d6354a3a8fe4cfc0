package org.pyfutures.examples;

import java.io.PrintStream;

/** One subcommand of the examples jar: a story told with live measurements, printed and written to files. */
public interface Command {

  /**
   * Returns the name typed on the command line.
   *
   * @return the subcommand name
   */
  String name();

  /**
   * Returns a one-line summary for the top-level usage.
   *
   * @return the summary
   */
  String summary();

  /**
   * Returns what the subcommand measures and which files it writes, for {@code --help}.
   *
   * @return the description, several lines
   */
  String description();

  /**
   * Runs the subcommand.
   *
   * @param options the parsed command line
   * @param out where the tables go (progress bars go to stderr)
   * @throws Exception if a measurement or a file write fails
   */
  void run(Options options, PrintStream out) throws Exception;
}
