package org.pyfutures.examples;

import java.util.List;
import java.util.stream.Collectors;
import org.pyfutures.Future;
import org.pyfutures.ThreadPoolExecutor;

/** The examples' entry point: {@code java -jar pyfutures-examples.jar [subcommand]}. */
public final class Main {
  private Main() {}

  /**
   * Runs the tour.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
      Future<Integer> answer = pool.submit((Integer x) -> x * 2, 21);
      System.out.println("submit on threads: " + answer.result() + "  " + answer);
      List<Integer> squares = pool.map((Integer x) -> x * x, List.of(1, 2, 3, 4)).collect(Collectors.toList());
      System.out.println("map on threads:    " + squares);
    }
  }
}
