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
  static final int[] SLEEP_WORKERS = {1, 8, 64};
  static final int PLATFORM_POOL = 64;

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
          2. 10,000 waits of 20 ms: 64 platform threads (the waits queue up), 10,000 platform threads (one
             each) and 10,000 virtual threads (one each, for a fraction of the memory and start-up cost); the
             time includes starting and stopping the pool.
        Writes io.json and io.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    long sleepMs = options.pick(20L, 20L, 1L);
    int waits = options.pick(10_000, 10_000, 500);
    long waitMs = options.pick(20L, 20L, 1L);
    int reps = options.pick(3, 1, 1);
    Map<String, Double> sleeps = new LinkedHashMap<>();
    Map<String, Double> waitTimes = new LinkedHashMap<>();
    String platformAll = "platform_" + waits + "_ms";
    String virtualAll = "virtual_" + waits + "_ms";
    try (Progress progress = Progress.start(options.progress(), "io", SLEEP_WORKERS.length + 3)) {
      for (int w : SLEEP_WORKERS) {
        progress.show(w + " workers");
        sleeps.put("threads_" + w + "_ms", Workloads.sleeps(w, SLEEPS, sleepMs));
        progress.step("");
      }
      progress.show("platform threads x" + PLATFORM_POOL);
      waitTimes.put("platform_" + PLATFORM_POOL + "_ms", waitMillis(PLATFORM_POOL, false, waits, waitMs, 1));
      progress.step("platform threads x" + waits);
      waitTimes.put(platformAll, waitMillis(waits, false, waits, waitMs, reps));
      progress.step("virtual threads x" + waits);
      waitTimes.put(virtualAll, waitMillis(waits, true, waits, waitMs, reps));
      progress.step("");
    }

    out.println("I/O: " + SLEEPS + " sleeps of " + sleepMs + " ms on a thread pool; " + Machine.summary());
    Table table = new Table("workers", "wall time", "ideal");
    for (int w : SLEEP_WORKERS) {
      long ideal = (long) Math.ceil((double) SLEEPS / w) * sleepMs;
      table.row(w, Table.num(sleeps.get("threads_" + w + "_ms")) + " ms", ideal + " ms");
    }
    table.print(out);
    out.println();
    out.println(String.format("%,d waits of %d ms each, one task per wait:", waits, waitMs));
    Table threads = new Table("threads", "workers", "wall time", "waits/s");
    threads.row("platform", PLATFORM_POOL, Table.num(waitTimes.get("platform_" + PLATFORM_POOL + "_ms")) + " ms",
        Table.num(waits / (waitTimes.get("platform_" + PLATFORM_POOL + "_ms") / 1e3)));
    threads.row("platform", String.format("%,d", waits), Table.num(waitTimes.get(platformAll)) + " ms",
        Table.num(waits / (waitTimes.get(platformAll) / 1e3)));
    threads.row("virtual", String.format("%,d", waits), Table.num(waitTimes.get(virtualAll)) + " ms",
        Table.num(waits / (waitTimes.get(virtualAll) / 1e3)));
    threads.print(out);
    out.println();
    out.println("Waiting costs no CPU: add workers until every wait has one. Virtual threads make that cheap.");

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe());
    json.put("sleeps", SLEEPS);
    json.put("sleep_ms", sleepMs);
    json.put("sleep_wall_time", sleeps);
    json.put("waits", waits);
    json.put("wait_ms", waitMs);
    json.put("wait_wall_time", waitTimes);
    List<String> workers = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (int w : SLEEP_WORKERS) {
      workers.add(w + " workers");
      times.add(sleeps.get("threads_" + w + "_ms"));
    }
    List<String> configs =
        List.of("platform x" + PLATFORM_POOL, String.format("platform x%,d", waits), String.format("virtual x%,d", waits));
    Results.write(options, "io", json, List.of(
        Charts.bars(SLEEPS + " sleeps of " + sleepMs + " ms", "", "wall time (ms, log)", workers,
            Map.of("threads", times), true),
        Charts.bars(String.format("%,d waits of %d ms", waits, waitMs), "", "wall time (ms, log)", configs,
            Map.of("threads", new ArrayList<>(waitTimes.values())), true)), out);
  }

  /** Runs the waits on a fresh pool and returns the wall time in ms, pool start and stop included. */
  static double waitMillis(int workers, boolean virtual, int waits, long waitMs, int reps) throws Exception {
    List<Long> inputs = Collections.nCopies(waits, waitMs);
    return Timing.best(reps, () -> {
      try (ThreadPoolExecutor pool =
          ThreadPoolExecutor.builder().maxWorkers(workers).virtualThreads(virtual).build()) {
        pool.map(Jobs::sleepFor, inputs).forEach(r -> {});
      }
    }) * 1e3;
  }
}
