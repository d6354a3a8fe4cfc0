package org.pyfutures.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.pyfutures.Executor;
import org.pyfutures.examples.workloads.Jobs;
import org.pyfutures.examples.workloads.Scaling;
import org.pyfutures.examples.workloads.Workloads;

/**
 * The {@code bench} subcommand: the fixed workloads W1–W12 of DESIGN.md, printed as a table beside CPython's
 * figures for the same workloads, and written to {@code bench.json} and {@code bench.png}.
 */
public final class BenchCommand implements Command {
  /** Terms of W7's CPU-bound job on the JVM: about as long per job as CPython's 300,000 terms take there. */
  static final long W7_JOB_TERMS = 30_000_000L;
  static final int W7_JOBS = 8;
  static final int[] W7_WORKERS = {1, 2, 4};
  static final int[] W8_WORKERS = {1, 8, 64};

  /** One line of the table: where to find the figure in both JSON documents, and what it means. */
  record Row(String id, String key, String what, String unit, boolean higherIsBetter) {
    double value(Map<String, Object> json) {
      return Peer.number(Optional.of(json), key == null ? new String[] {id} : new String[] {id, key});
    }
  }

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "workloads W1-W12 as a table, bench.json and bench.png, beside CPython's figures";
  }

  @Override
  public String description() {
    return """
        Runs the fixed workloads of DESIGN.md (W1-W12: per-task overhead on each executor, map with and without
        chunks, a 16 MiB echo, pool start-up, CPU-bound scaling, I/O-bound sleeps, one-at-a-time round trips,
        8 x 4 MiB echoed by a map on two workers).
        When python3 is on the PATH, first runs the bundled CPython script (peer/cpython_bench.py) with the same
        workload definitions and shows CPython's figure and the ratio beside each of ours (ratio > 1: pyfutures is
        faster, or scales better). Each figure is the best of 3 runs (1 with --quick, which also runs 10x fewer
        tasks). --no-peer skips CPython.
        Writes bench.json (keys W1..W12 in the units of the peer script, plus "peer": CPython's JSON) and
        bench.png into --out.""";
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("W1", null, "threads x2: submit N identity tasks, then collect", "µs/task", false));
    rows.add(new Row("W2", null, "processes x2: the same", "µs/task", false));
    rows.add(new Row("W3", null, "processes: map identity over N ints, chunksize 1", "µs/task", false));
    rows.add(new Row("W4", null, "processes: the same, chunksize 500", "µs/task", false));
    rows.add(new Row("W5", null, "processes: echo a 16 MiB byte array", "ms", false));
    rows.add(new Row("W6", null, "processes x2: construct -> first result", "ms", false));
    rows.add(new Row("W7", "sequential_ms", "CPU-bound: 8 jobs, sequential (job sizes differ)", "ms", false));
    for (int w : W7_WORKERS) {
      for (ExecutorKind kind : ExecutorKind.values()) {
        rows.add(new Row("W7", kind.label() + "_" + w, "  speedup, " + kind.label() + " x" + w, "x", true));
      }
    }
    for (int w : W8_WORKERS) {
      rows.add(new Row("W8", "threads_" + w + "_ms", "I/O-bound: 64 sleeps of 20 ms, threads x" + w, "ms", false));
    }
    rows.add(new Row("W9", null, "interpreters x2: W1 on interpreters", "µs/task", false));
    rows.add(new Row("W10", null, "processes x2: submit -> result, one at a time", "µs/trip", false));
    rows.add(new Row("W11", null, "processes x2: W3 with auto chunksize", "µs/task", false));
    rows.add(new Row("W12", null, "processes x2: map echo over 8 byte arrays of 4 MiB", "ms", false));
    return rows;
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    boolean quick = options.quick();
    int n = options.pick(20_000, 2_000, 100);
    int reps = options.pick(3, 1, 1);
    int rounds = options.pick(3_000, 300, 20);
    long manyTasksWarmUp = options.pick(Workloads.MANY_TASKS_WARM_UP_MS, Workloads.WARM_UP_MS, Workloads.WARM_UP_MS);
    long w7Terms = options.pick(W7_JOB_TERMS, W7_JOB_TERMS, 100_000L);
    long w8Millis = options.pick(20L, 20L, 1L);
    Optional<Map<String, Object>> peer = Optional.empty();
    if (options.peer()) {
      out.println("Running the CPython peer first" + (quick ? " (--quick)" : "") + "...");
      peer = Peer.run(quick, List.of(), quick ? Duration.ofMinutes(2) : Duration.ofMinutes(15), out);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runtime", Machine.runtime());
    json.put("tasks", n);
    json.put("machine", Machine.describe());
    json.put("w7_job_terms", w7Terms);
    boolean processes = ExecutorKind.PROCESSES.available();
    boolean interpreters = ExecutorKind.INTERPRETERS.available();
    try (Progress progress = Progress.start(options.progress(), "bench", 10)) {
      progress.show("W1");
      try (Executor ex = ExecutorKind.THREADS.create(2)) {
        json.put("W1", Workloads.submitThenCollect(ex, n, reps, manyTasksWarmUp));
      }
      progress.step("W10");
      if (processes) {
        // W10 before the other process workloads, on a pool of its own: on this VM, one-at-a-time round trips run
        // 2-3x slower for a while after a second or more of work flat out, on any pool (docs/benchmarks.md,
        // "Workload order and warm-up").
        try (Executor ex = ExecutorKind.PROCESSES.create(2)) {
          json.put("W10", Workloads.roundTrips(ex, rounds));
        }
        progress.step("W2");
        try (Executor ex = ExecutorKind.PROCESSES.create(2)) {
          json.put("W2", Workloads.submitThenCollect(ex, n, reps, manyTasksWarmUp));
          progress.step("W3");
          json.put("W3", Workloads.mapIdentity(ex, n, 1, reps, manyTasksWarmUp));
          progress.step("W4");
          json.put("W4", Workloads.mapIdentity(ex, n, 500, reps, manyTasksWarmUp));
          json.put("W11", Workloads.mapIdentity(ex, n, 0, reps, manyTasksWarmUp));
          progress.step("W5");
          json.put("W5", Workloads.echo(ex, reps));
          json.put("W12", Workloads.echoMany(ex, reps));
        }
        progress.step("W6");
        json.put("W6", Workloads.firstResult(ExecutorKind.PROCESSES, 2, reps));
      } else {
        progress.step("");
        progress.step("");
        progress.step("");
        progress.step("");
        progress.step("");
      }
      progress.step("W7");
      json.put("W7", Scaling.speedups(Jobs::cpuJob, w7Terms, W7_JOBS, W7_WORKERS, ExecutorKind.availableKinds(),
          reps, Progress.start(false, "", 0)));
      progress.step("W8");
      Map<String, Double> w8 = new LinkedHashMap<>();
      for (int w : W8_WORKERS) {
        w8.put("threads_" + w + "_ms", Workloads.sleeps(w, 64, w8Millis));
      }
      json.put("W8", w8);
      progress.step("W9");
      if (interpreters) {
        try (Executor ex = ExecutorKind.INTERPRETERS.create(2)) {
          json.put("W9", Workloads.submitThenCollect(ex, n, reps, manyTasksWarmUp));
        }
      }
      progress.step("");
    }
    peer.ifPresent(p -> json.put("peer", p));

    out.println();
    out.println("Workloads W1-W12, " + Machine.summary() + options.pick("", ", --quick", ", --smoke"));
    out.println("N = " + String.format("%,d", n) + " tasks; best of " + reps + "; W7 job: "
        + String.format("%,d", w7Terms) + " terms on the JVM, 300,000 on CPython");
    Notes.missingKinds(out);
    table(json, peer).print(out);
    out.println();
    out.println("ratio > 1: pyfutures is faster (or, for speedups, scales better) than CPython on the same workload.");
    peer.ifPresent(p -> out.println("CPython: " + p.get("runtime")));
    Results.write(options, "bench", json, charts(json, peer), out);
  }

  static Table table(Map<String, Object> json, Optional<Map<String, Object>> peer) {
    Table table = new Table("id", "workload", "unit", "pyfutures", "CPython", "ratio");
    String lastId = null;
    for (Row row : rows()) {
      double ours = row.value(json);
      double theirs = peer.map(row::value).orElse(Double.NaN);
      if (Double.isNaN(ours) && Double.isNaN(theirs)) {
        continue;
      }
      double ratio = row.id().equals("W7") && row.key().equals("sequential_ms") ? Double.NaN
          : row.higherIsBetter() ? ours / theirs : theirs / ours;
      String fmt = row.unit().equals("x") ? Table.times(ours) : Table.num(ours);
      String peerFmt = row.unit().equals("x") ? Table.times(theirs) : Table.num(theirs);
      table.row(row.id().equals(lastId) ? "" : row.id(), row.what(),
          row.unit().equals("x") ? "" : row.unit(), fmt, peerFmt, Table.times(ratio));
      lastId = row.id();
    }
    return table;
  }

  static List<CategoryChart> charts(Map<String, Object> json, Optional<Map<String, Object>> peer) {
    List<CategoryChart> charts = new ArrayList<>();
    List<String> micros = List.of("W1", "W2", "W3", "W4", "W11", "W9", "W10");
    charts.add(Charts.bars("Per-task cost (µs, lower is better)", "", "µs per task (log)", micros,
        series(micros, json, peer), true));
    List<String> millis = List.of("W5", "W12", "W6");
    charts.add(Charts.bars("16 MiB echo, 8 x 4 MiB echo, pool start (ms)", "", "ms (log)", millis, series(millis, json, peer), true));
    List<String> workers = new ArrayList<>();
    for (int w : W7_WORKERS) {
      workers.add(w + (w == 1 ? " worker" : " workers"));
    }
    Map<String, List<Double>> speedups = new LinkedHashMap<>();
    for (ExecutorKind kind : ExecutorKind.values()) {
      speedups.put(kind.label(), w7(json, kind.label()));
    }
    peer.ifPresent(p -> {
      speedups.put("CPython threads", w7(p, "threads"));
      speedups.put("CPython interpreters", w7(p, "interpreters"));
      speedups.put("CPython processes", w7(p, "processes"));
    });
    charts.add(Charts.bars("W7: 8 CPU-bound jobs", "", "speedup over sequential (x)", workers, speedups, false));
    return charts;
  }

  private static Map<String, List<Double>> series(
      List<String> ids, Map<String, Object> json, Optional<Map<String, Object>> peer) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("pyfutures", ids.stream().map(id -> Peer.number(Optional.of(json), id)).toList());
    peer.ifPresent(p -> series.put("CPython", ids.stream().map(id -> Peer.number(Optional.of(p), id)).toList()));
    return series;
  }

  private static List<Double> w7(Map<String, Object> json, String kind) {
    List<Double> values = new ArrayList<>();
    for (int w : W7_WORKERS) {
      values.add(Peer.number(Optional.of(json), "W7", kind + "_" + w));
    }
    return values;
  }
}
