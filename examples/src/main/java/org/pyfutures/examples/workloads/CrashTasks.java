package org.pyfutures.examples.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tasks of the {@code crash} subcommand, meant to run in a process pool's workers: an ordinary task, and three
 * that misbehave — one ends its JVM, one never returns, one keeps memory it will never use again. Each returns the
 * pid of the worker that ran it, so a caller can count the workers a batch went through.
 */
public final class CrashTasks {
  /** Memory a leaking task allocates and keeps, per call. */
  public static final int LEAK_BYTES = 64 << 20;

  /** The exit status the dying task passes to {@code System.exit}. */
  public static final int EXIT_STATUS = 3;

  /** What the leaking tasks keep: reachable for the rest of the worker's life. */
  private static final List<byte[]> KEPT = new ArrayList<>();

  private CrashTasks() {}

  /**
   * Waits {@code workMs} milliseconds, standing for a task's useful work.
   *
   * @param workMs how long the task takes
   * @return this worker's pid
   * @throws InterruptedException if stopped while waiting
   */
  public static long ordinary(int workMs) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(workMs);
    return pid();
  }

  /**
   * Ends the JVM with {@link #EXIT_STATUS}, as a library that calls {@code System.exit} on an error would.
   *
   * @param ignored unused, so that all tasks of a batch take the same argument
   * @return never
   */
  public static long exits(int ignored) {
    System.exit(EXIT_STATUS);
    throw new AssertionError("System.exit returned");
  }

  /**
   * Spins for ever, as a task stuck in a loop that never meets its exit condition.
   *
   * @param ignored unused
   * @return never
   */
  public static long spins(int ignored) {
    while (true) {
      Thread.onSpinWait();
    }
  }

  /**
   * Allocates {@link #LEAK_BYTES}, touches every page so that it counts as resident, and keeps it in a static list.
   *
   * @param workMs how long the task takes besides
   * @return this worker's pid
   * @throws InterruptedException if stopped while waiting
   */
  public static long leaks(int workMs) throws InterruptedException {
    byte[] block = new byte[LEAK_BYTES];
    for (int i = 0; i < block.length; i += 4096) {
      block[i] = 1;
    }
    synchronized (KEPT) {
      KEPT.add(block);
    }
    return ordinary(workMs);
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }
}
