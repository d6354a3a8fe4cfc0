package org.pyfutures.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.pyfutures.TaskFunction;
import org.pyfutures.examples.workloads.Scaling;
import org.pyfutures.examples.workloads.SimulatedGil;

/**
 * The {@code gil} subcommand: CPython's classic measurement reproduced with real mechanics — CPU-bound jobs under
 * a process-wide lock, then without it, on threads, interpreters and processes.
 */
public final class GilCommand implements Command {
  static final int JOBS = 8;
  static final int[] WORKERS = {1, 2, 4};

  @Override
  public String name() {
    return "gil";
  }

  @Override
  public String summary() {
    return "CPU-bound jobs under a simulated GIL: threads stay at 1x, interpreters and processes scale";
  }

  @Override
  public String description() {
    return """
        Runs 8 equal CPU-bound jobs sequentially and on threads, interpreters and processes at 1, 2 and 4
        workers, first under a simulated GIL (SimulatedGil: a static synchronized loop that releases the class's
        lock every few milliseconds), then the same jobs without the lock. Prints speedups over sequential.

        Under the lock, threads share one lock and stay near 1.0x, as CPython's threads do under the GIL.
        Interpreters load their own copy of the class, hence their own lock, and processes have their own JVM:
        both scale. Without the lock, Java threads scale too. No executor exceeds the CPU count.

        Writes gil.json and gil.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    long terms = options.pick(160_000_000L, 40_000_000L, 1_000_000L);
    int reps = options.pick(3, 2, 1);
    List<ExecutorKind> kinds = ExecutorKind.availableKinds();
    out.println("GIL: " + JOBS + " CPU-bound jobs of " + String.format("%,d", terms) + " terms each; "
        + Machine.summary());
    Notes.missingKinds(out);
    Map<String, TaskFunction<Long, Long>> jobs = new LinkedHashMap<>();
    jobs.put("locked", SimulatedGil::lockedJob);
    jobs.put("unlocked", SimulatedGil::unlockedJob);
    Map<String, Map<String, Double>> results;
    try (Progress progress = Progress.start(options.progress(), "gil", 2L + WORKERS.length * kinds.size())) {
      results = Scaling.speedups(jobs, terms, JOBS, WORKERS, kinds, reps, progress);
    }
    Map<String, Double> locked = results.get("locked");
    Map<String, Double> unlocked = results.get("unlocked");
    Table table = new Table("executor", "workers", "under the lock", "without the lock");
    table.row("sequential", 1, Table.num(locked.get("sequential_ms")) + " ms",
        Table.num(unlocked.get("sequential_ms")) + " ms");
    for (ExecutorKind kind : kinds) {
      for (int w : WORKERS) {
        String key = kind.label() + "_" + w;
        table.row(kind.label(), w, Table.times(locked.get(key)), Table.times(unlocked.get(key)));
      }
    }
    out.println();
    table.print(out);
    out.println();
    out.println(verdict(locked, unlocked, kinds));

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe());
    json.put("jobs", JOBS);
    json.put("job_terms", terms);
    json.put("locked", locked);
    json.put("unlocked", unlocked);
    List<CategoryChart> charts =
        List.of(chart("Under a simulated GIL", locked, kinds), chart("Without the lock", unlocked, kinds));
    Charts.sameYRange(charts);
    Results.write(options, "gil", json, charts, out);
  }

  static String verdict(Map<String, Double> locked, Map<String, Double> unlocked, List<ExecutorKind> kinds) {
    int most = WORKERS[WORKERS.length - 1];
    StringBuilder text = new StringBuilder("At " + most + " workers, under the lock: ");
    List<String> parts = new ArrayList<>();
    for (ExecutorKind kind : kinds) {
      parts.add(kind.label() + " " + Table.times(locked.get(kind.label() + "_" + most)));
    }
    text.append(String.join(", ", parts));
    text.append("; without it: threads ").append(Table.times(unlocked.get("threads_" + most))).append('.');
    text.append(System.lineSeparator())
        .append("Threads take turns on one lock; each interpreter has its own copy of the class and its lock;")
        .append(System.lineSeparator())
        .append("each process has its own JVM. Speedups cannot exceed the ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs of this machine.");
    return text.toString();
  }

  static CategoryChart chart(String title, Map<String, Double> speedups, List<ExecutorKind> kinds) {
    List<String> categories = new ArrayList<>();
    for (int w : WORKERS) {
      categories.add(w + (w == 1 ? " worker" : " workers"));
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (ExecutorKind kind : kinds) {
      List<Double> values = new ArrayList<>();
      for (int w : WORKERS) {
        values.add(speedups.getOrDefault(kind.label() + "_" + w, Double.NaN));
      }
      series.put(kind.label(), values);
    }
    return Charts.bars(title, "", "speedup over sequential (x)", categories, series, false);
  }
}
