package org.pyfutures;

import java.util.ArrayList;
import java.util.List;

/**
 * Submits work to a thread pool it never closes, then returns from {@code main}: the JVM must exit, and only after
 * every submitted task has run, none of which can finish before main has returned. Prints each task's line as it
 * finishes and "main returned" when main returns.
 */
public final class UnclosedPoolMain {
  private static final Thread MAIN = Thread.currentThread();

  private UnclosedPoolMain() {}

  /** Finishes only once {@code main} has returned, so every task is still to run when the JVM starts to exit. */
  static String slowly(int i) throws InterruptedException {
    MAIN.join(30_000);
    if (MAIN.isAlive()) {
      throw new IllegalStateException("main did not return");
    }
    System.out.println("task " + i);
    return "task " + i;
  }

  public static void main(String[] args) {
    Executor pool = new ThreadPoolExecutor(2);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      futures.add(pool.submit(UnclosedPoolMain::slowly, i));
    }
    System.out.println("main returned");
  }
}
