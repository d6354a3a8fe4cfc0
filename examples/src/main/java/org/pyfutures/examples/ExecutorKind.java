package org.pyfutures.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pyfutures.Executor;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.interp.InterpreterPoolExecutor;
import org.pyfutures.process.ProcessPoolExecutor;

/**
 * The three kinds of pyfutures executor the examples compare, and the one place that constructs them, so every
 * subcommand measures the same configuration of each.
 */
public enum ExecutorKind {
  /** {@link ThreadPoolExecutor}: shared memory, nothing copied. */
  THREADS,
  /** {@link InterpreterPoolExecutor}: one isolated class loader per worker; tasks and results copied with Kryo. */
  INTERPRETERS,
  /** {@link ProcessPoolExecutor}: one worker JVM per worker; tasks and results copied over pipes. */
  PROCESSES;

  /**
   * Returns the lower-case name used in tables and JSON keys ({@code threads_2}).
   *
   * @return the label
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns whether this build contains the executor.
   *
   * @return {@code true} if {@link #create(int)} works
   */
  public boolean available() {
    return true;
  }

  /**
   * Creates an executor of this kind.
   *
   * @param workers the most workers, at least 1
   * @return a new executor; close it when done
   * @throws UnsupportedOperationException if this build does not contain the executor
   */
  public Executor create(int workers) {
    return switch (this) {
      case THREADS -> new ThreadPoolExecutor(workers);
      case INTERPRETERS -> new InterpreterPoolExecutor(workers);
      case PROCESSES -> new ProcessPoolExecutor(workers);
    };
  }

  /**
   * Returns the kinds this build contains, in declaration order.
   *
   * @return the available kinds
   */
  public static List<ExecutorKind> availableKinds() {
    return Arrays.stream(values()).filter(ExecutorKind::available).toList();
  }
}
