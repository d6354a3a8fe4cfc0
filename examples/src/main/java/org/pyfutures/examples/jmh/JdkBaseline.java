package org.pyfutures.examples.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.pyfutures.examples.workloads.Jobs;

/** The baseline every benchmark here runs beside: the JDK's own thread pool doing the same submit-then-collect. */
final class JdkBaseline {
  private JdkBaseline() {}

  /**
   * Creates a JDK pool of fixed size with an unbounded queue, as {@code Executors.newFixedThreadPool} does.
   *
   * @param workers its size
   * @return the pool
   */
  static ExecutorService newPool(int workers) {
    return new ThreadPoolExecutor(workers, workers, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
  }

  /**
   * Submits {@code n} identity tasks, then waits for each result.
   *
   * @param pool the JDK pool
   * @param n how many tasks
   * @return the sum of the results
   */
  static long submitAll(ExecutorService pool, int n) throws InterruptedException, ExecutionException {
    List<Future<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Integer x = i;
      futures.add(pool.submit(() -> Jobs.identity(x)));
    }
    long sum = 0;
    for (Future<Integer> f : futures) {
      sum += f.get();
    }
    return sum;
  }

  static void close(ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
  }
}
