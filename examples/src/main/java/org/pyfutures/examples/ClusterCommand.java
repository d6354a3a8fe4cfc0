package org.pyfutures.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.knowm.xchart.internal.chartpart.IChart;
import org.pyfutures.Executor;
import org.pyfutures.TaskFunction;
import org.pyfutures.cluster.ClusterExecutor;
import org.pyfutures.examples.workloads.Jobs;
import org.pyfutures.examples.workloads.Workloads;

/**
 * The {@code cluster} subcommand: the same {@code Executor} on Hazelcast members. It starts 3 local member JVMs,
 * runs the CPU-bound W7 batch and a granularity sweep on threads, processes and the cluster, and measures W13 and
 * W14 on 2 members beside Dask's executor when Python's {@code distributed} package is installed. Writes
 * {@code cluster.json} and {@code cluster.png}.
 */
public final class ClusterCommand implements Command {
  static final int MEMBERS = 3;
  static final int WORKERS = 3;

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public String summary() {
    return "3 local Hazelcast members: CPU-bound work, granularity with a network hop, W13/W14 beside Dask";
  }

  @Override
  public String description() {
    return """
        Starts a ClusterExecutor on 2 local Hazelcast members (member JVMs on this machine, TCP on 127.0.0.1)
        and times construct -> first result, then W13 (submit N identity tasks, then collect) and W14 (one task
        at a time, submit -> result). Then starts 3 members and runs W7's 8 CPU-bound jobs on threads, processes
        and the cluster (3 workers each), and the same total work cut into 1 ... 10,000 tasks: where a task
        carries enough work to pay for its trip over the network. Last, when python3 has Dask's 'distributed'
        package, runs the bundled peer script (peer/dask_bench.py: W13 and W14 on Dask's client.get_executor()
        over 2 local workers) and shows the ratio; otherwise prints "Dask not installed" and goes on.
        --quick: smaller work and fewer tasks. --no-peer skips Dask.
        Writes cluster.json (W13 and W14 in the peer script's keys and units, "peer": Dask's JSON) and
        cluster.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    long w7Terms = options.pick(BenchCommand.W7_JOB_TERMS, BenchCommand.W7_JOB_TERMS / 3, 100_000L);
    long totalTerms = options.pick(400_000_000L, 80_000_000L, 1_000_000L);
    long[] cuts = options.pick(new long[] {1, 10, 100, 1_000, 10_000}, new long[] {1, 10, 100, 1_000},
        new long[] {1, 10});
    int n13 = options.pick(1_000, 200, 20);
    int n14 = options.pick(300, 100, 10);
    int reps = options.pick(3, 1, 1);
    long warmUpMs = options.pick(5_000L, 2_000L, 0L);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runtime", Machine.runtime());
    json.put("machine", Machine.describe());
    Map<String, Supplier<Executor>> contenders = new LinkedHashMap<>();
    contenders.put("threads", () -> ExecutorKind.THREADS.create(WORKERS));
    contenders.put("processes", () -> ExecutorKind.PROCESSES.create(WORKERS));
    contenders.put("cluster", () -> ClusterExecutor.builder().localMembers(MEMBERS).maxWorkers(WORKERS).build());

    Map<String, Double> w7 = new LinkedHashMap<>();
    Map<String, double[]> byCut = new LinkedHashMap<>();
    double[] sequentialMs = new double[cuts.length];
    try (Progress progress = Progress.start(options.progress(), "cluster", 3 + contenders.size())) {
      progress.show("2 members: start, W13, W14");
      long started = System.nanoTime();
      try (ClusterExecutor two = ClusterExecutor.builder().localMembers(2).build()) {
        two.submit(Jobs::identity, 1).result();
        json.put("start_2_members_ms", (System.nanoTime() - started) / 1e6);
        // Members compile Hazelcast's request path only after a few thousand tasks; until then a round trip
        // costs twice as much, so both workloads run untimed first for a while.
        Timing.warmUp(warmUpMs, () -> {
          Workloads.submitAll(two, n13);
          for (int i = 0; i < n14; i++) {
            Workloads.submitAll(two, 1);
          }
        });
        json.put("W13", Workloads.submitThenCollect(two, n13, reps, Workloads.WARM_UP_MS));
        json.put("W14", Workloads.roundTrips(two, n14));
      }
      progress.step("sequential");
      TaskFunction<Long, Long> job = Jobs::cpuJob;
      List<Long> batch = Collections.nCopies(BenchCommand.W7_JOBS, w7Terms);
      job.apply(w7Terms);
      double w7Sequential = Timing.best(reps, () -> batch.forEach(Jobs::cpuJob));
      w7.put("sequential_ms", w7Sequential * 1e3);
      for (int i = 0; i < cuts.length; i++) {
        List<Long> tasks = Collections.nCopies((int) cuts[i], totalTerms / cuts[i]);
        sequentialMs[i] = Timing.best(reps, () -> tasks.forEach(Jobs::cpuJob)) * 1e3;
      }
      progress.step("");
      for (Map.Entry<String, Supplier<Executor>> contender : contenders.entrySet()) {
        progress.show(contender.getKey() + " x" + WORKERS);
        try (Executor executor = contender.getValue().get()) {
          Timing.warmUp(300, () -> executor.map(job, batch).forEach(r -> {}));
          double pooled = Timing.best(reps, () -> executor.map(job, batch).forEach(r -> {}));
          w7.put(contender.getKey() + "_" + WORKERS, w7Sequential / pooled);
          double[] speedups = new double[cuts.length];
          for (int i = 0; i < cuts.length; i++) {
            List<Long> tasks = Collections.nCopies((int) cuts[i], totalTerms / cuts[i]);
            speedups[i] = sequentialMs[i] / 1e3 / Timing.best(reps, () -> executor.map(job, tasks).forEach(r -> {}));
          }
          byCut.put(contender.getKey(), speedups);
        }
        progress.step("");
      }
    }
    json.put("W7", w7);
    Map<String, Object> sweep = new LinkedHashMap<>();
    sweep.put("total_terms", totalTerms);
    sweep.put("tasks", toList(cuts));
    sweep.put("sequential_ms", toList(sequentialMs));
    byCut.forEach((name, curve) -> sweep.put(name, toList(curve)));
    json.put("granularity", sweep);

    Optional<Map<String, Object>> peer = Optional.empty();
    if (options.peer()) {
      out.println("Running the Dask peer" + (options.quick() ? " (--quick)" : "") + "...");
      peer = DaskPeer.run(options.quick(), Duration.ofMinutes(options.quick() ? 1 : 5), out);
    }
    peer.ifPresent(p -> json.put("peer", p));

    print(out, options, json, peer, cuts, sequentialMs, byCut);
    Results.write(options, "cluster", json, charts(json, peer, cuts, byCut), out);
  }

  private static void print(PrintStream out, Options options, Map<String, Object> json,
      Optional<Map<String, Object>> peer, long[] cuts, double[] sequentialMs, Map<String, double[]> byCut) {
    out.println();
    out.println("ClusterExecutor on local Hazelcast members, " + Machine.summary()
        + options.pick("", ", --quick", ", --smoke"));
    Table table = new Table("id", "workload", "unit", "pyfutures", "Dask", "ratio");
    table.row("", "2 members: construct -> first result", "ms", Table.num(number(json, "start_2_members_ms")),
        "", "");
    for (String id : List.of("W13", "W14")) {
      double ours = number(json, id);
      double dask = Peer.number(peer, id);
      table.row(id, id.equals("W13") ? "2 members: submit N identity tasks, then collect"
          : "2 members: submit -> result, one at a time", id.equals("W13") ? "µs/task" : "µs/trip",
          Table.num(ours), Table.num(dask), Table.times(dask / ours));
    }
    Map<?, ?> w7 = (Map<?, ?>) json.get("W7");
    table.row("W7", "8 CPU-bound jobs, sequential", "ms", Table.num(((Number) w7.get("sequential_ms")).doubleValue()),
        "", "");
    for (String name : byCut.keySet()) {
      table.row("", "  speedup, " + name + " x" + WORKERS, "", Table.times(((Number) w7.get(name + "_" + WORKERS))
          .doubleValue()), "", "");
    }
    table.print(out);
    out.println("ratio > 1: pyfutures is faster than Dask on the same workload.");

    out.println();
    out.println("The same work cut into more, smaller tasks (speedup over sequential, " + WORKERS + " workers each):");
    List<String> header = new ArrayList<>(List.of("tasks", "work/task"));
    header.addAll(byCut.keySet());
    Table sweep = new Table(header.toArray(String[]::new));
    for (int i = 0; i < cuts.length; i++) {
      List<Object> row = new ArrayList<>(List.of(String.format("%,d", cuts[i]),
          Table.num(sequentialMs[i] * 1e3 / cuts[i]) + " µs"));
      for (double[] curve : byCut.values()) {
        row.add(Table.times(curve[i]));
      }
      sweep.row(row.toArray());
    }
    sweep.print(out);
    int[] span = Crossovers.spanAtOrAbove(byCut.get("cluster"), 1.0);
    if (span == null) {
      out.println("The cluster never beat running the tasks one after another here.");
    } else {
      int finest = span[1];
      out.println(String.format("The cluster pays off down to about %s µs of work per task (%,d tasks); below"
          + " that the network hop costs more than the parallelism saves.",
          Table.num(sequentialMs[finest] * 1e3 / cuts[finest]), cuts[finest]));
    }
  }

  private static List<IChart> charts(Map<String, Object> json, Optional<Map<String, Object>> peer,
      long[] cuts, Map<String, double[]> byCut) {
    List<IChart> charts = new ArrayList<>();
    Map<String, List<Double>> w7 = new LinkedHashMap<>();
    Map<?, ?> w7json = (Map<?, ?>) json.get("W7");
    for (String name : byCut.keySet()) {
      w7.put(name, List.of(((Number) w7json.get(name + "_" + WORKERS)).doubleValue()));
    }
    charts.add(Charts.bars("W7: 8 CPU-bound jobs", "", "speedup over sequential (x)",
        List.of(WORKERS + " workers"), w7, false));
    Map<String, List<double[]>> lines = new LinkedHashMap<>();
    byCut.forEach((name, curve) -> {
      List<double[]> points = new ArrayList<>();
      for (int i = 0; i < cuts.length; i++) {
        points.add(new double[] {cuts[i], curve[i]});
      }
      lines.put(name, points);
    });
    charts.add(Charts.lines("Same work, more tasks", "tasks (log)", "speedup over sequential (x)", lines, true,
        false));
    Map<String, List<Double>> trips = new LinkedHashMap<>();
    trips.put("pyfutures", List.of(number(json, "W13"), number(json, "W14")));
    peer.ifPresent(p -> trips.put("Dask", List.of(Peer.number(peer, "W13"), Peer.number(peer, "W14"))));
    charts.add(Charts.bars("Cluster per-task cost (µs, lower is better)", "", "µs (log)",
        List.of("W13 per task", "W14 per trip"), trips, true));
    return charts;
  }

  private static double number(Map<String, Object> json, String key) {
    return Peer.number(Optional.of(json), key);
  }

  private static List<Double> toList(double[] values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  private static List<Long> toList(long[] values) {
    List<Long> list = new ArrayList<>();
    for (long v : values) {
      list.add(v);
    }
    return list;
  }
}
