package org.pyfutures.interp;

import java.util.List;
import org.pyfutures.Executor;
import org.pyfutures.Task;
import org.pyfutures.TaskFunction;

/** Uses an interpreter pool as an application would, then prints the results. */
public final class QuietInterpreterPoolMain {
  private QuietInterpreterPoolMain() {}

  public static void main(String[] args) {
    try (Executor pool = new InterpreterPoolExecutor(2)) {
      Task<List<Integer>> copy = () -> List.of(6, 7);
      TaskFunction<Integer, Integer> square = x -> x * x;
      System.out.println(pool.submit(copy).result() + " " + pool.map(square, List.of(1, 2, 3)).toList());
    }
  }
}
