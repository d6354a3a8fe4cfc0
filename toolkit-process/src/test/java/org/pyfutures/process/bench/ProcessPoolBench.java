package org.pyfutures.process.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.pyfutures.Future;
import org.pyfutures.MapOptions;
import org.pyfutures.process.ProcessPoolExecutor;

/**
 * The process-pool workloads of DESIGN.md (W2-W6, W10, W12), defined as in {@code cpython_futures_bench.py}, printed as
 * JSON with the same keys and units. Not a test: run by hand, see docs/benchmarks-process.md.
 *
 * <p>Usage: {@code ProcessPoolBench [--quick] [--no-cds] [--warmups N] [--reps N] [--jvm-option OPT]... [--payloads-only]}:
 * each figure is the best of {@code reps} timed rounds after {@code warmups} untimed ones (defaults 3 and 5).
 */
public final class ProcessPoolBench {
  private static final int N = 20_000;

  private ProcessPoolBench() {}

  public static Integer identity(Integer x) {
    return x;
  }

  public static byte[] echo(byte[] x) {
    return x;
  }

  /** A CPU-bound job: enough arithmetic that compiled-code quality, not overhead, decides its time. */
  public static long cpuJob(int n) {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += (long) i * i % 7 + Long.rotateLeft(total, 3) % 1000;
    }
    return total;
  }

  public static long pid() {
    return ProcessHandle.current().pid();
  }

  static int intOption(String[] args, String name, int otherwise) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return otherwise;
  }

  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code warmups} untimed rounds, then {@code reps} timed ones; returns the best, in nanoseconds. */
  static double best(int warmups, int reps, Body body) throws Exception {
    for (int i = 0; i < warmups; i++) {
      body.run();
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      long start = System.nanoTime();
      body.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }

  static void submitAllThenCollect(ProcessPoolExecutor ex, int n) {
    List<Future<Integer>> fs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      fs.add(ex.submit(ProcessPoolBench::identity, i));
    }
    for (Future<Integer> f : fs) {
      f.result();
    }
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    boolean cds = !List.of(args).contains("--no-cds");
    List<String> jvmOptions = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--jvm-option")) {
        jvmOptions.add(args[++i]);
      }
    }
    int reps = quick ? 1 : intOption(args, "--reps", 5);
    int warmups = quick ? 1 : intOption(args, "--warmups", 3);
    int n = quick ? N / 10 : N;
    Supplier<ProcessPoolExecutor> pools =
        () -> ProcessPoolExecutor.builder().maxWorkers(2).classDataSharing(cds).jvmOptions(jvmOptions).build();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runtime", "Java " + Runtime.version());
    out.put("tasks", n);
    List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
    boolean payloadsOnly = List.of(args).contains("--payloads-only");
    boolean smallOnly = List.of(args).contains("--small-only");
    try (ProcessPoolExecutor ex = pools.get()) {
      if (!payloadsOnly) {
        out.put("W2", best(warmups, reps, () -> submitAllThenCollect(ex, n)) / n / 1e3);
        out.put("W3", best(warmups, reps, () -> ex.map(ProcessPoolBench::identity, inputs).count()) / n / 1e3);
        MapOptions chunked = MapOptions.defaults().withChunksize(500);
        out.put("W4", best(warmups, reps, () -> ex.map(ProcessPoolBench::identity, inputs, chunked).count()) / n / 1e3);
      }
      int rounds = quick ? 300 : 3000;
      if (smallOnly) {
        out.put("W10", best(warmups, reps, () -> {
          for (int i = 0; i < rounds; i++) {
            ex.submit(ProcessPoolBench::identity, i).result();
          }
        }) / rounds / 1e3);
        System.out.println(toJson(out));
        return;
      }
      out.put("W10", best(warmups, reps, () -> {
        for (int i = 0; i < rounds; i++) {
          ex.submit(ProcessPoolBench::identity, i).result();
        }
      }) / rounds / 1e3);
      byte[] payload = new byte[16 << 20];
      java.util.Arrays.fill(payload, (byte) 'x');
      out.put("W5", best(warmups, reps, () -> ex.submit(ProcessPoolBench::echo, payload).result()) / 1e6);
      List<byte[]> quarters = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] quarter = new byte[4 << 20];
        java.util.Arrays.fill(quarter, (byte) ('a' + i));
        quarters.add(quarter);
      }
      out.put("W12", best(warmups, reps, () -> ex.map(ProcessPoolBench::echo, quarters).count()) / 1e6);
    }
    if (payloadsOnly) {
      System.out.println(toJson(out));
      return;
    }
    out.put("W6", best(1, reps, () -> {
      try (ProcessPoolExecutor ex = pools.get()) {
        ex.submit(ProcessPoolBench::identity, 1).result();
      }
    }) / 1e6);
    double[] firstResult = {Double.MAX_VALUE};
    double[] rssKb = {0};
    double[] pssKb = {0};
    for (int i = 0; i < reps; i++) {
      long start = System.nanoTime();
      ProcessPoolExecutor ex = pools.get();
      long worker = ex.submit(ProcessPoolBench::pid).result();
      firstResult[0] = Math.min(firstResult[0], (System.nanoTime() - start) / 1e6);
      rssKb[0] = memoryKb(worker, "status", "VmRSS");
      pssKb[0] = memoryKb(worker, "smaps_rollup", "Pss");
      ex.close();
    }
    out.put("W6_first_result_ms", firstResult[0]);
    try (ProcessPoolExecutor ex = pools.get()) {
      ex.submit(ProcessPoolBench::cpuJob, 1_000).result();
      out.put("cpu_job_ms", best(warmups, reps, () -> ex.submit(ProcessPoolBench::cpuJob, 200_000_000).result()) / 1e6);
    }
    out.put("idle_worker_rss_mib", rssKb[0] / 1024);
    out.put("idle_worker_pss_mib", pssKb[0] / 1024);
    System.out.println(toJson(out));
  }

  /** A memory figure of a process, in KiB: {@code VmRSS} from /proc/pid/status, {@code Pss} from smaps_rollup. */
  static double memoryKb(long pid, String file, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
      if (line.startsWith(field + ":")) {
        return Double.parseDouble(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  static String toJson(Map<String, Object> map) {
    return map.entrySet().stream()
        .map(e -> " \"" + e.getKey() + "\": " + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()))
        .collect(Collectors.joining(",\n", "{\n", "\n}"));
  }
}
