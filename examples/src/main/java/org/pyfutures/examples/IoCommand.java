package org.pyfutures.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.examples.workloads.Jobs;
import org.pyfutures.examples.workloads.Workloads;

/**
 * The {@code io} subcommand: blocking waits, where threads win without any copying — more workers, shorter wall
 * time, and virtual threads make thousands of waits cheap.
 */
public final class IoCommand implements Command {
  static final int SLEEPS = 64;
  static final long SLEEP_MS = 20;
  static final int[] SLEEP_WORKERS = {1, 8, 64};
  static final int WAITS = 10_000;
  static final long WAIT_MS = 20;

  @Override
  public String name() {
    return "io";
  }

  @Override
  public String summary() {
    return "blocking waits: 64 sleeps at 1/8/64 workers; 10,000 waits on virtual vs platform threads";
  }

  @Override
  public String description() {
    return """
        I/O-bound work needs no copies and no extra processes, only enough threads to wait in.
          1. 64 sleeps of 20 ms on a thread pool of 1, 8 and 64 workers (workload W8).
          2. 10,000 waits of 20 ms: 64 platform threads (waits queue), 10,000 platform threads (one each) and
             10,000 virtual threads (one each, for a fraction of the memory and start-up cost).
        Writes io.json and io.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    Map<String, Double> sleeps = new LinkedHashMap<>();
    Map<String, Object> waits = new LinkedHashMap<>();
    waits.put("waits", WAITS);
    waits.put("wait_ms", WAIT_MS);
    try (Progress progress = Progress.start(options.progress(), "io", SLEEP_WORKERS.length + 3)) {
      for (int w : SLEEP_WORKERS) {
        progress.show(w + " workers");
        sleeps.put("threads_" + w + "_ms", Workloads.sleeps(w, SLEEPS, SLEEP_MS));
        progress.step("");
      }
      waits.put("platform_64_ms", waitMillis(64, false));
      progress.step("platform threads");
      waits.put("platform_" + WAITS + "_ms", waitMillis(WAITS, false));
      progress.step("virtual threads");
      waits.put("virtual_" + WAITS + "_ms", waitMillis(WAITS, true));
      progress.step("");
    }

    out.println("I/O: " + SLEEPS + " sleeps of " + SLEEP_MS + " ms on a thread pool; " + Machine.summary());
    Table table = new Table("workers", "wall time", "ideal");
    for (int w : SLEEP_WORKERS) {
      long ideal = (long) Math.ceil((double) SLEEPS / w) * SLEEP_MS;
      table.row(w, Table.num(sleeps.get("threads_" + w + "_ms")) + " ms", ideal + " ms");
    }
    table.print(out);
    out.println();
    out.println(String.format("%,d waits of %d ms each:", WAITS, WAIT_MS));
    Table threads = new Table("threads", "workers", "wall time", "waits/s");
    addWaitRow(threads, "platform", 64, (double) waits.get("platform_64_ms"));
    addWaitRow(threads, "platform", WAITS, (double) waits.get("platform_" + WAITS + "_ms"));
    addWaitRow(threads, "virtual", WAITS, (double) waits.get("virtual_" + WAITS + "_ms"));
    threads.print(out);
    out.println();
    out.println("Waiting costs no CPU: add workers until every wait has one. Virtual threads make that cheap.");

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe());
    json.put("sleeps", sleeps);
    json.put("waits", waits);
    List<String> workers = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (int w : SLEEP_WORKERS) {
      workers.add(w + " workers");
      times.add(sleeps.get("threads_" + w + "_ms"));
    }
    List<String> configs = List.of("platform x64", "platform x" + WAITS, "virtual x" + WAITS);
    List<Double> waitTimes =
        List.of((double) waits.get("platform_64_ms"), (double) waits.get("platform_" + WAITS + "_ms"),
            (double) waits.get("virtual_" + WAITS + "_ms"));
    Results.write(options, "io", json, List.of(
        Charts.bars(SLEEPS + " sleeps of " + SLEEP_MS + " ms", "", "wall time (ms, log)", workers,
            Map.of("threads", times), true),
        Charts.bars(String.format("%,d waits of %d ms", WAITS, WAIT_MS), "", "wall time (ms, log)", configs,
            Map.of("threads", waitTimes), true)), out);
  }

  private static void addWaitRow(Table table, String kind, int workers, double millis) {
    table.row(kind, String.format("%,d", workers), Table.num(millis) + " ms", Table.num(WAITS / (millis / 1e3)));
  }

  /** Runs {@link #WAITS} waits on a fresh pool and returns the wall time in ms, pool start and stop included. */
  static double waitMillis(int workers, boolean virtual) throws Exception {
    List<Long> inputs = Collections.nCopies(WAITS, WAIT_MS);
    return Timing.once(() -> {
      try (ThreadPoolExecutor pool =
          ThreadPoolExecutor.builder().maxWorkers(workers).virtualThreads(virtual).build()) {
        pool.map(Jobs::sleepFor, inputs).forEach(r -> {});
      }
    }) * 1e3;
  }
}
