package org.pyfutures.examples;

import java.time.Duration;
import org.pyfutures.TaskFunction;
import org.pyfutures.examples.workloads.CrashTasks;
import org.pyfutures.process.ProcessPoolExecutor;

/**
 * The three batches of the {@code crash} subcommand: ordinary tasks with one that misbehaves, and the pool setting
 * (if any) that is meant to contain it.
 */
enum CrashScenario {
  /** One task calls {@code System.exit}: its worker dies. */
  EXIT("exit", "System.exit(" + CrashTasks.EXIT_STATUS + ")", "none"),
  /** One task spins for ever, under a task timeout. */
  TIMEOUT("timeout", "spins forever", "taskTimeout " + CrashScenario.TIMEOUT_SECONDS + " s"),
  /** Every few tasks one leaks {@link CrashTasks#LEAK_BYTES}, under a memory limit. */
  LEAK("leak", "every " + CrashScenario.LEAK_EVERY + "th leaks " + (CrashTasks.LEAK_BYTES >> 20) + " MiB",
      "maxWorkerMemory " + (CrashScenario.MEMORY_LIMIT >> 20) + " MiB");

  static final int TIMEOUT_SECONDS = 1;
  static final int LEAK_EVERY = 5;
  static final long MEMORY_LIMIT = 160L << 20;

  private final String key;
  private final String misbehaviour;
  private final String guard;

  CrashScenario(String key, String misbehaviour, String guard) {
    this.key = key;
    this.misbehaviour = misbehaviour;
    this.guard = guard;
  }

  /** The scenario's key in {@code crash.json}. */
  String key() {
    return key;
  }

  /** What the misbehaving task does, for the table. */
  String misbehaviour() {
    return misbehaviour;
  }

  /** The pool setting that contains it, for the table. */
  String guard() {
    return guard;
  }

  /** Applies this scenario's guard to a pool builder. */
  ProcessPoolExecutor.Builder guard(ProcessPoolExecutor.Builder builder) {
    return switch (this) {
      case EXIT -> builder;
      case TIMEOUT -> builder.taskTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
      case LEAK -> builder.maxWorkerMemory(MEMORY_LIMIT);
    };
  }

  /**
   * Returns the task at {@code index} of a batch of {@code tasks}: ordinary, except in the middle (exit, timeout)
   * or every {@link #LEAK_EVERY}th (leak).
   */
  TaskFunction<Integer, Long> task(int index, int tasks) {
    return switch (this) {
      case EXIT -> index == tasks / 2 ? CrashTasks::exits : CrashTasks::ordinary;
      case TIMEOUT -> index == tasks / 2 ? CrashTasks::spins : CrashTasks::ordinary;
      case LEAK -> index % LEAK_EVERY == LEAK_EVERY - 1 ? CrashTasks::leaks : CrashTasks::ordinary;
    };
  }
}
