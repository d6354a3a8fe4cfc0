package org.pyfutures.interp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.interp.InterpreterPoolExecutor;

/**
 * Measures the interpreter pool: W9 (µs per trivial task on 2 workers, with W1 on threads for reference), the
 * first-task cost of a fresh interpreter, Metaspace per interpreter, and a {@code static synchronized} CPU-bound
 * job on threads versus interpreters. Not a test; run as a main (see {@code docs/benchmarks-interp.md}).
 */
public final class InterpreterPoolBench {
  private static final int TASKS = 20_000;

  private InterpreterPoolBench() {}

  public static Integer identity(Integer x) {
    return x;
  }

  /** A CPU-bound job that, like a GIL, lets only one thread of this class loader compute at a time. */
  static final class Gil {
    static synchronized long spin(int n) {
      long total = 0;
      for (int v = 0; v < n; v++) {
        total += (long) v * v ^ (total >>> 7);
      }
      return total;
    }
  }

  public static Long gilJob(Integer n) {
    return Gil.spin(n);
  }

  /** The same work without the lock: what the machine's cores allow at best. */
  public static Long freeJob(Integer n) {
    long total = 0;
    for (int v = 0; v < n; v++) {
      total += (long) v * v ^ (total >>> 7);
    }
    return total;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    int reps = quick ? 2 : 7;
    int tasks = quick ? TASKS / 10 : TASKS;
    // First, while the JVM is cold: what a program's first interpreter pool costs.
    long start = System.nanoTime();
    try (Executor pool = new InterpreterPoolExecutor(2)) {
      pool.submit(InterpreterPoolBench::identity, 1).result();
      System.out.printf(Locale.ROOT, "cold JVM: construct a 2-interpreter pool -> first result: %.1f ms%n",
          (System.nanoTime() - start) / 1e6);
    }
    System.out.printf(Locale.ROOT, "java %s, %d cpus, %s, load average %s%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), quick ? "quick" : "full", loadAverage());

    try (Executor threads = new ThreadPoolExecutor(2)) {
      System.out.printf(Locale.ROOT, "W1  threads, 2 workers: %.2f us/task%n",
          bestSeconds(reps + 2, () -> submitAllThenCollect(threads, tasks)) / tasks * 1e6);
    }
    try (Executor interpreters = new InterpreterPoolExecutor(2)) {
      System.out.printf(Locale.ROOT, "W9  interpreters, 2 workers: %.2f us/task%n",
          bestSeconds(reps + 2, () -> submitAllThenCollect(interpreters, tasks)) / tasks * 1e6);
    }
    firstTask(quick ? 3 : 10);
    metaspace(quick ? 4 : 10);
    gil(quick ? 2 : 9, quick ? 50_000_000 : 150_000_000);
    System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static void submitAllThenCollect(Executor executor, int n) {
    List<Future<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(executor.submit(InterpreterPoolBench::identity, i));
    }
    for (Future<Integer> f : futures) {
      f.result();
    }
  }

  static double bestSeconds(int reps, Runnable body) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      best = Math.min(best, seconds(body));
    }
    return best;
  }

  /** Construct a 1-worker pool, time its first and second task; the first pool also pays JVM-wide warm-up. */
  static void firstTask(int pools) {
    List<Double> firsts = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < pools; i++) {
      long start = System.nanoTime();
      try (Executor pool = new InterpreterPoolExecutor(1)) {
        pool.submit(InterpreterPoolBench::identity, 1).result();
        long first = System.nanoTime();
        pool.submit(InterpreterPoolBench::identity, 2).result();
        long second = System.nanoTime();
        firsts.add((first - start) / 1e6);
        seconds.add((second - first) / 1e6);
      }
    }
    System.out.printf(Locale.ROOT,
        "first task of a fresh interpreter: %.1f ms in the first pool, median %.2f ms later (second task %.3f ms)%n",
        firsts.get(0), median(firsts.subList(1, firsts.size())), median(seconds.subList(1, seconds.size())));
  }

  /** Metaspace used per interpreter that has run one task, trivial or touching Guava's collections. */
  static void metaspace(int interpreters) throws Exception {
    report("identity task", interpreters, () -> 1);
    report("Guava ImmutableList/ImmutableMap task", interpreters, () -> com.google.common.collect.ImmutableMap
        .of("a", com.google.common.collect.ImmutableList.of(1, 2)).size());
  }

  private static void report(String what, int interpreters, org.pyfutures.Task<Integer> task) throws Exception {
    MemoryPoolMXBean meta = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getName().equals("Metaspace")).findFirst().orElseThrow();
    List<Executor> pools = new ArrayList<>();
    // One interpreter first, so what the host loads once is not counted per interpreter.
    try (Executor warm = new InterpreterPoolExecutor(1)) {
      warm.submit(task).result();
    }
    gc();
    long before = meta.getUsage().getUsed();
    for (int i = 0; i < interpreters; i++) {
      Executor pool = new InterpreterPoolExecutor(1);
      pool.submit(task).result();
      pools.add(pool);
    }
    gc();
    long after = meta.getUsage().getUsed();
    pools.forEach(Executor::close);
    gc();
    long released = meta.getUsage().getUsed();
    System.out.printf(Locale.ROOT,
        "Metaspace per interpreter (%s): %.0f KiB; after closing all: %+.0f KiB vs before%n",
        what, (after - before) / 1024.0 / interpreters, (released - before) / 1024.0);
  }

  /** Runs full collections until a fresh weak reference clears, three times over; bounded. */
  private static void gc() {
    for (int i = 0; i < 3; i++) {
      java.lang.ref.WeakReference<Object> canary = new java.lang.ref.WeakReference<>(new Object());
      for (int attempt = 0; attempt < 100 && canary.get() != null; attempt++) {
        System.gc();
      }
    }
  }

  /**
   * 8 equal {@code static synchronized} CPU-bound jobs: sequential, on 2 threads, on 2 interpreters; then the same
   * work without the lock on 2 threads, the machine's own limit. The variants alternate within each repetition,
   * so that all of them meet the same machine, and each keeps its best time.
   */
  static void gil(int reps, int totalWork) {
    int job = totalWork / 8;
    List<Integer> jobs = java.util.Collections.nCopies(8, job);
    List<Integer> warmUp = java.util.Collections.nCopies(4, job / 10);
    double sequential = Double.MAX_VALUE;
    double threads = Double.MAX_VALUE;
    double interpreters = Double.MAX_VALUE;
    double free = Double.MAX_VALUE;
    try (Executor threadPool = new ThreadPoolExecutor(2);
        Executor interpreterPool = new InterpreterPoolExecutor(2)) {
      // Warms both workers of each pool (and, for interpreters, their own copies of Gil).
      threadPool.map(InterpreterPoolBench::gilJob, warmUp).toList();
      threadPool.map(InterpreterPoolBench::freeJob, warmUp).toList();
      interpreterPool.map(InterpreterPoolBench::gilJob, warmUp).toList();
      warmUp.forEach(InterpreterPoolBench::gilJob);
      for (int i = 0; i < reps; i++) {
        sequential = Math.min(sequential, seconds(() -> jobs.forEach(InterpreterPoolBench::gilJob)));
        threads = Math.min(threads, seconds(() -> threadPool.map(InterpreterPoolBench::gilJob, jobs).toList()));
        interpreters =
            Math.min(interpreters, seconds(() -> interpreterPool.map(InterpreterPoolBench::gilJob, jobs).toList()));
        free = Math.min(free, seconds(() -> threadPool.map(InterpreterPoolBench::freeJob, jobs).toList()));
      }
    }
    System.out.printf(Locale.ROOT,
        "static synchronized job, 8 x %d: sequential %.0f ms; 2 threads %.0f ms (%.2fx); "
            + "2 interpreters %.0f ms (%.2fx); interpreters over threads %.2fx; "
            + "control without the lock, 2 threads: %.2fx%n",
        job, sequential * 1e3, threads * 1e3, sequential / threads, interpreters * 1e3,
        sequential / interpreters, threads / interpreters, sequential / free);
  }

  private static double seconds(Runnable body) {
    long start = System.nanoTime();
    body.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
  }
}
