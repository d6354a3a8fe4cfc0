package org.pyfutures.process.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.pyfutures.process.ProcessPoolExecutor;

/**
 * Start-up cost of a worker under given JVM options: builds a pool of two, waits for the first result, closes it;
 * 25 times, the first 5 discarded. Prints the minimum and median of "first result" and "with close", and the RSS of
 * the worker, and the times of the first pool, which pays for loading the pool's classes in this JVM (and, with a
 * new cache directory, for launching the AOT trainer). Not a test: run by hand, see docs/benchmarks-process.md.
 *
 * <p>Usage: {@code WorkerStartupBench [--cds] [JVM option]...}; without {@code --cds} no class-data-sharing archive
 * is read or written.
 */
public final class WorkerStartupBench {
  private WorkerStartupBench() {}

  public static void main(String[] args) throws Exception {
    List<String> options = new ArrayList<>(Arrays.asList(args));
    boolean cds = options.remove("--cds");
    List<Double> firstResult = new ArrayList<>();
    List<Double> withClose = new ArrayList<>();
    double rssMib = 0;
    double firstPool = 0;
    double firstPoolClosed = 0;
    for (int round = 0; round < 25; round++) {
      long start = System.nanoTime();
      ProcessPoolExecutor pool =
          ProcessPoolExecutor.builder().maxWorkers(2).classDataSharing(cds).jvmOptions(options).build();
      long pid = pool.submit(ProcessPoolBench::pid).result();
      long first = System.nanoTime();
      rssMib = ProcessPoolBench.memoryKb(pid, "status", "VmRSS") / 1024;
      pool.close();
      long closed = System.nanoTime();
      if (round == 0) {
        firstPool = (first - start) / 1e6;
        firstPoolClosed = (closed - start) / 1e6;
      }
      if (round >= 5) {
        firstResult.add((first - start) / 1e6);
        withClose.add((closed - start) / 1e6);
      }
    }
    Collections.sort(firstResult);
    Collections.sort(withClose);
    System.out.printf(
        "%s cds=%s: first result min %.0f median %.0f ms | with close min %.0f median %.0f ms | rss %.1f MiB"
            + " | first pool of this JVM %.0f ms, with close %.0f ms%n",
        options, cds, firstResult.get(0), firstResult.get(firstResult.size() / 2), withClose.get(0),
        withClose.get(withClose.size() / 2), rssMib, firstPool, firstPoolClosed);
  }
}
