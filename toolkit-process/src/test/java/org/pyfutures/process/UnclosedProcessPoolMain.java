package org.pyfutures.process;

import java.util.ArrayList;
import java.util.List;
import org.pyfutures.Future;

/**
 * Submits work to a process pool it never closes, then returns from {@code main}: the JVM must exit, after every
 * submitted task has run and its result arrived (main returns long before a worker JVM has started). Prints each
 * result as its future completes.
 */
public final class UnclosedProcessPoolMain {
  private UnclosedProcessPoolMain() {}

  static int identity(int i) {
    return i;
  }

  public static void main(String[] args) {
    ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(2).build();
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Future<Integer> f = pool.submit(UnclosedProcessPoolMain::identity, i);
      f.addDoneCallback(done -> System.out.println("result " + done.result()));
      futures.add(f);
    }
    System.out.println("main returned");
  }
}
