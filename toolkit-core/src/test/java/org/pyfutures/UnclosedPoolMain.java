package org.pyfutures;

import java.util.ArrayList;
import java.util.List;

/**
 * Submits work to a thread pool it never closes, then returns from {@code main}: the JVM must exit, and only after
 * every submitted task has run. Prints each task's line as it finishes and "main returned" when main returns.
 */
public final class UnclosedPoolMain {
  private UnclosedPoolMain() {}

  static String slowly(int i) throws InterruptedException {
    Thread.sleep(50);
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
