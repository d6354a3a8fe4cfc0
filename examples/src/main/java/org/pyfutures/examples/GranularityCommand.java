package org.pyfutures.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyfutures.Executor;
import org.pyfutures.MapOptions;
import org.pyfutures.TaskFunction;
import org.pyfutures.examples.workloads.SimulatedGil;

/**
 * The {@code granularity} subcommand: the serialization tradeoff. The same total GIL-bound work is cut into 1 to
 * 100,000 tasks, then sent at the finest cut with chunksizes 1 to 1,000, on every executor; each one's throughput
 * curve shows where copying a task costs more than running it in parallel saves.
 */
public final class GranularityCommand implements Command {
  static final long[] CHUNKSIZES = {1, 10, 100, 1_000};
  /** The control series: threads running the same work without the simulated GIL. */
  static final String UNLOCKED = "threads, no lock";

  @Override
  public String name() {
    return "granularity";
  }

  @Override
  public String summary() {
    return "the same work cut into 1 to 100,000 tasks, and chunksize 1 to 1,000: where each executor wins";
  }

  @Override
  public String description() {
    return """
        The same total CPU work under the simulated GIL (see `gil`), cut into 1, 10, ... 100,000 equal tasks and
        mapped over each executor with as many workers as CPUs. Prints the speedup over running the same tasks
        sequentially, the winner at each cut and the crossover points: interpreters and processes beat threads
        while each task carries enough work to pay for its copy; below that, threads win. A control series runs
        threads without the lock. Then the finest cut again with map chunksize 1, 10, 100, 1,000: chunks cross
        the boundary once for many elements (the thread pool ignores chunksize), and with auto chunksize, beside
        each executor's best fixed chunksize (marked *).
        --quick uses less work and stops at 10,000 tasks.
        Writes granularity.json and granularity.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    long totalTerms = options.pick(400_000_000L, 100_000_000L, 1_000_000L);
    long[] cuts = options.pick(new long[] {1, 10, 100, 1_000, 10_000, 100_000}, new long[] {1, 10, 100, 1_000, 10_000},
        new long[] {1, 10, 100});
    int reps = options.pick(3, 2, 1);
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    List<ExecutorKind> kinds = ExecutorKind.availableKinds();
    long finest = cuts[cuts.length - 1];

    out.println(String.format("Granularity: %,d terms of GIL-bound work per run, %d workers; %s", totalTerms,
        workers, Machine.summary()));
    Notes.missingKinds(out);
    double[] sequentialMs = new double[cuts.length];
    Map<String, double[]> byCut = new LinkedHashMap<>();
    Map<String, double[]> byChunk = new LinkedHashMap<>();
    Map<String, Double> auto = new LinkedHashMap<>();
    long steps = cuts.length * (kinds.size() + 2L) + (CHUNKSIZES.length + 1L) * kinds.size();
    try (Progress progress = Progress.start(options.progress(), "granularity", steps)) {
      for (int i = 0; i < cuts.length; i++) {
        progress.show("sequential, " + cuts[i] + " tasks");
        sequentialMs[i] = sequentialMillis(totalTerms / cuts[i], cuts[i], reps);
        progress.step("");
      }
      for (ExecutorKind kind : kinds) {
        double[] speedups = new double[cuts.length];
        try (Executor executor = kind.create(workers)) {
          warmUp(executor, workers);
          for (int i = 0; i < cuts.length; i++) {
            progress.show(kind.label() + ", " + cuts[i] + " tasks");
            double ms = pooledMillis(executor, SimulatedGil::lockedJob, totalTerms / cuts[i], cuts[i],
                MapOptions.defaults(), reps);
            speedups[i] = sequentialMs[i] / ms;
            progress.step("");
          }
          double[] chunked = new double[CHUNKSIZES.length];
          for (int c = 0; c < CHUNKSIZES.length; c++) {
            progress.show(kind.label() + ", chunksize " + CHUNKSIZES[c]);
            double ms = pooledMillis(executor, SimulatedGil::lockedJob, totalTerms / finest, finest,
                MapOptions.defaults().withChunksize((int) CHUNKSIZES[c]), reps);
            chunked[c] = sequentialMs[cuts.length - 1] / ms;
            progress.step("");
          }
          byChunk.put(kind.label(), chunked);
          progress.show(kind.label() + ", auto chunksize");
          auto.put(kind.label(), sequentialMs[cuts.length - 1] / pooledMillis(executor, SimulatedGil::lockedJob,
              totalTerms / finest, finest, MapOptions.defaults().withAutoChunksize(), reps));
          progress.step("");
        }
        byCut.put(kind.label(), speedups);
      }
      double[] control = new double[cuts.length];
      try (Executor executor = ExecutorKind.THREADS.create(workers)) {
        warmUp(executor, workers);
        for (int i = 0; i < cuts.length; i++) {
          progress.show("threads without lock, " + cuts[i] + " tasks");
          control[i] = sequentialMs[i] / pooledMillis(executor, SimulatedGil::unlockedJob, totalTerms / cuts[i],
              cuts[i], MapOptions.defaults(), reps);
          progress.step("");
        }
      }
      byCut.put(UNLOCKED, control);
    }

    Map<String, double[]> contenders = new LinkedHashMap<>(byCut);
    contenders.remove(UNLOCKED);
    List<String> leaders = Crossovers.leaders(cuts, contenders);
    Table table = new Table(tableHeader("tasks", "work/task", "sequential", byCut.keySet(), "winner"));
    for (int i = 0; i < cuts.length; i++) {
      List<Object> row = new ArrayList<>(List.of(String.format("%,d", cuts[i]),
          Table.num(sequentialMs[i] * 1e3 / cuts[i]) + " µs", Table.num(sequentialMs[i]) + " ms"));
      for (double[] curve : byCut.values()) {
        row.add(Table.times(curve[i]));
      }
      row.add(leaders.get(i));
      table.row(row.toArray());
    }
    out.println();
    out.println("Speedup over sequential, by number of tasks:");
    table.print(out);

    List<String> chunkLeaders = Crossovers.leaders(CHUNKSIZES, byChunk);
    Table chunks = new Table(tableHeader("chunksize", null, null, byChunk.keySet(), "winner"));
    Map<String, Integer> best = AutoChunks.bestFixed(byChunk);
    for (int c = 0; c < CHUNKSIZES.length; c++) {
      List<Object> row = new ArrayList<>(List.of(String.format("%,d", CHUNKSIZES[c])));
      for (Map.Entry<String, double[]> curve : byChunk.entrySet()) {
        row.add(Table.times(curve.getValue()[c]) + (best.get(curve.getKey()) == c ? " *" : ""));
      }
      row.add(chunkLeaders.get(c));
      chunks.row(row.toArray());
    }
    chunks.row(AutoChunks.row(byChunk.keySet(), auto).toArray());
    out.println();
    out.println(String.format("Speedup over sequential at %,d tasks, by map chunksize (* best fixed):", finest));
    chunks.print(out);

    List<String> findings = findings(cuts, sequentialMs, byCut, leaders, chunkLeaders);
    out.println();
    findings.forEach(out::println);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe());
    json.put("workers", workers);
    json.put("total_terms", totalTerms);
    json.put("tasks", toJson(cuts, Map.of("sequential_ms", sequentialMs)));
    json.put("speedup_by_tasks", toJson(cuts, byCut));
    json.put("chunksize_tasks", finest);
    json.put("speedup_by_chunksize", toJson(CHUNKSIZES, byChunk));
    json.put("speedup_auto_chunksize", auto);
    json.put("best_fixed_chunksize", AutoChunks.bestFixedJson(CHUNKSIZES, byChunk));
    json.put("findings", findings);
    Results.write(options, "granularity", json, List.of(
        Charts.lines("Same work, cut into N tasks", "tasks (log)", "speedup over sequential (log)",
            points(cuts, byCut), true, true),
        Charts.lines(String.format("%,d tasks, map chunksize (flat: auto)", finest), "chunksize (log)",
            "speedup over sequential (log)", AutoChunks.withAutoSeries(points(CHUNKSIZES, byChunk), CHUNKSIZES, auto),
            true, true)), out);
  }

  static String[] tableHeader(String first, String second, String third, Iterable<String> series, String last) {
    List<String> header = new ArrayList<>();
    header.add(first);
    if (second != null) {
      header.add(second);
      header.add(third);
    }
    series.forEach(header::add);
    header.add(last);
    return header.toArray(String[]::new);
  }

  static List<String> findings(long[] cuts, double[] sequentialMs, Map<String, double[]> byCut,
      List<String> leaders, List<String> chunkLeaders) {
    List<String> findings = new ArrayList<>();
    for (Map.Entry<String, double[]> curve : byCut.entrySet()) {
      int[] span = Crossovers.spanAtOrAbove(curve.getValue(), 1.0);
      String what;
      if (span == null) {
        what = "never beats sequential";
      } else if (span[0] == span[1]) {
        what = String.format("beats sequential only at %,d %s (%s µs of work per task)",
            cuts[span[0]], cuts[span[0]] == 1 ? "task" : "tasks", workPerTask(cuts, sequentialMs, span[0]));
      } else {
        what = String.format("beats sequential from %,d to %,d tasks (%s down to %s µs of work per task)",
            cuts[span[0]], cuts[span[1]], workPerTask(cuts, sequentialMs, span[0]),
            workPerTask(cuts, sequentialMs, span[1]));
      }
      findings.add(curve.getKey() + ": " + what);
    }
    findings.add("Fastest under the lock, by tasks: " + Crossovers.describeLeaders(cuts, leaders));
    findings.add("Fastest under the lock, by chunksize: " + Crossovers.describeLeaders(CHUNKSIZES, chunkLeaders));
    return findings;
  }

  private static String workPerTask(long[] cuts, double[] sequentialMs, int i) {
    return Table.num(sequentialMs[i] * 1e3 / cuts[i]);
  }

  private static Map<String, Object> toJson(long[] xs, Map<String, double[]> curves) {
    Map<String, Object> json = new LinkedHashMap<>();
    curves.forEach((name, ys) -> {
      Map<String, Object> curve = new LinkedHashMap<>();
      for (int i = 0; i < xs.length; i++) {
        curve.put(Long.toString(xs[i]), ys[i]);
      }
      json.put(name, curve);
    });
    return json;
  }

  private static Map<String, List<double[]>> points(long[] xs, Map<String, double[]> curves) {
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    curves.forEach((name, ys) -> {
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < xs.length; i++) {
        pts.add(new double[] {xs[i], ys[i]});
      }
      series.put(name, pts);
    });
    return series;
  }

  /** Starts every worker and compiles the job in each before anything is timed. */
  private static void warmUp(Executor executor, int workers) {
    List<Long> inputs = Collections.nCopies(workers * 200, 100_000L);
    executor.map(SimulatedGil::lockedJob, inputs).forEach(r -> {});
    executor.map(SimulatedGil::unlockedJob, inputs).forEach(r -> {});
  }

  private static double sequentialMillis(long termsPerTask, long tasks, int reps) throws Exception {
    SimulatedGil.lockedJob(termsPerTask);
    return Timing.best(reps, () -> {
      for (long t = 0; t < tasks; t++) {
        SimulatedGil.lockedJob(termsPerTask);
      }
    }) * 1e3;
  }

  private static double pooledMillis(Executor executor, TaskFunction<Long, Long> job, long termsPerTask, long tasks,
      MapOptions options, int reps) throws Exception {
    List<Long> inputs = Collections.nCopies((int) tasks, termsPerTask);
    return Timing.best(reps, () -> executor.map(job, inputs, options).forEach(r -> {})) * 1e3;
  }
}
