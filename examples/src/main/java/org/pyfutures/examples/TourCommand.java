package org.pyfutures.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.pyfutures.Executor;
import org.pyfutures.TaskFunction;
import org.pyfutures.examples.workloads.Jobs;
import org.pyfutures.examples.workloads.Scaling;
import org.pyfutures.examples.workloads.SimulatedGil;
import org.pyfutures.examples.workloads.Workloads;

/**
 * The tour, run when no subcommand is named: the same tasks on every executor, then a short scorecard of where
 * threads, interpreters and processes each win, beside CPython's figures, as a table and a chart.
 */
public final class TourCommand implements Command {
  static final int WORKERS = 2;
  static final int JOBS = 8;

  /** One scenario of the scorecard: its figure per executor, and whether higher is better. */
  record Scenario(String name, String unit, boolean higherIsBetter, Map<String, Double> figures) {}

  @Override
  public String name() {
    return "tour";
  }

  @Override
  public String summary() {
    return "the default: one API on three executors, and a scorecard of where each wins (under a minute)";
  }

  @Override
  public String description() {
    return """
        1. Submits the same method reference to threads, interpreters and processes and shows where each ran.
        2. Measures, quickly, where each executor wins: tiny tasks (threads: nothing to copy), CPU-bound jobs
           with and without a simulated GIL (see `gil`), a 16 MiB round trip, and pool start-up; beside the same
           workloads on CPython's concurrent.futures when python3 is on the PATH; and, from each pool's
           stats(), the share of copying in the tiny tasks' time.
        Then points at the subcommands that tell each story in full.
        Writes tour.json and tour.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    out.println("pyfutures: Python's concurrent.futures on the JVM. " + Machine.summary());
    Notes.missingKinds(out);
    List<ExecutorKind> kinds = ExecutorKind.availableKinds();
    out.println();
    out.println("1. One API, three executors. The same method reference, submitted to each:");
    for (ExecutorKind kind : kinds) {
      try (Executor executor = kind.create(WORKERS)) {
        String where = executor.submit(Jobs::whereAmI, 42).result();
        TaskFunction<Integer, Integer> square = x -> x * x;
        List<Integer> squares = executor.map(square, List.of(1, 2, 3, 4, 5)).toList();
        out.printf("   %-13s submit(Jobs::whereAmI, 42) -> %s%n", kind.label(), where);
        out.printf("   %-13s map(x -> x * x, [1..5])    -> %s%n", "", squares);
      }
    }

    out.println();
    out.println("2. Where each one wins (measured now, kept short; `bench` and the subcommands measure in full).");
    Optional<Map<String, Object>> peer = Optional.empty();
    if (options.peer()) {
      peer = Peer.run(true, List.of("W1", "W2", "W5", "W6", "W7"), Duration.ofMinutes(2), out);
      out.println();
    }
    List<Scenario> scenarios = measure(options, kinds, peer);
    Table table = scorecard(scenarios, peer.isPresent());
    table.print(out);
    peer.ifPresent(p -> out.println("CPython: " + p.get("runtime") + " (its threads always run under the GIL)"));
    out.println();
    out.println("""
        Threads win when there is nothing to copy: tiny tasks, big payloads, waiting, and any CPU-bound code
        that does not serialise itself on a lock. Interpreters win when a library's static lock or state would
        serialise threads; processes when you also want a separate heap, a crash boundary or other JVM flags.
        Next: `gil`, `io`, `granularity`, `race`, `bench` (each with --help and --quick).""");

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe());
    for (Scenario s : scenarios) {
      json.put(s.name(), s.figures());
    }
    peer.ifPresent(p -> json.put("peer", p));
    Results.write(options, "tour", json, charts(scenarios), out);
  }

  static List<Scenario> measure(Options options, List<ExecutorKind> kinds, Optional<Map<String, Object>> peer)
      throws Exception {
    int tasks = options.pick(2_000, 2_000, 100);
    long terms = options.pick(40_000_000L, 30_000_000L, 1_000_000L);
    int reps = options.pick(2, 1, 1);
    Map<String, Double> tiny = new LinkedHashMap<>();
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Double> gil = new LinkedHashMap<>();
    Map<String, Double> echo = new LinkedHashMap<>();
    Map<String, Double> start = new LinkedHashMap<>();
    Map<String, Double> copyShare = new LinkedHashMap<>();
    int[] workers = {WORKERS};
    try (Progress progress = Progress.start(options.progress(), "tour", 4L * kinds.size() + 2L)) {
      // CPU-bound scaling first: on few cores, compiling what the other scenarios run would slow it down.
      Map<String, TaskFunction<Long, Long>> jobs = new LinkedHashMap<>();
      jobs.put("free", SimulatedGil::unlockedJob);
      jobs.put("locked", SimulatedGil::lockedJob);
      Map<String, Map<String, Double>> results = Scaling.speedups(jobs, terms, JOBS, workers, kinds, reps, progress);
      Map<String, Double> free = results.get("free");
      Map<String, Double> locked = results.get("locked");
      for (ExecutorKind kind : kinds) {
        cpu.put(kind.label(), free.get(kind.label() + "_" + WORKERS));
        gil.put(kind.label(), locked.get(kind.label() + "_" + WORKERS));
      }
      for (ExecutorKind kind : kinds) {
        progress.show(kind.label() + ": tiny tasks");
        try (Executor executor = kind.create(WORKERS)) {
          tiny.put(kind.label(), Workloads.submitThenCollect(executor, tasks, reps, Workloads.WARM_UP_MS));
          copyShare.put(kind.label(), 100 * executor.stats().copyShare());
          progress.step(kind.label() + ": 16 MiB");
          echo.put(kind.label(), Workloads.echo(executor, reps));
        }
        progress.step(kind.label() + ": start");
        start.put(kind.label(), Workloads.firstResult(kind, WORKERS, reps));
        progress.step("");
      }
    }
    peer.ifPresent(p -> {
      tiny.put("CPython threads", Peer.number(peer, "W1"));
      tiny.put("CPython processes", Peer.number(peer, "W2"));
      for (Map<String, Double> speedups : List.of(cpu, gil)) {
        speedups.put("CPython threads", Peer.number(peer, "W7", "threads_" + WORKERS));
        speedups.put("CPython processes", Peer.number(peer, "W7", "processes_" + WORKERS));
      }
      echo.put("CPython processes", Peer.number(peer, "W5"));
      start.put("CPython processes", Peer.number(peer, "W6"));
    });
    return List.of(
        new Scenario(String.format("tiny tasks: %,d x identity, 2 workers", tasks), "µs/task", false, tiny),
        new Scenario("CPU-bound: 8 jobs on 2 workers", "speedup", true, cpu),
        new Scenario("CPU-bound under a GIL-like lock", "speedup", true, gil),
        new Scenario("send 16 MiB and back", "ms", false, echo),
        new Scenario("new pool -> first result -> close", "ms", false, start),
        new Scenario("copy share of the tiny tasks (stats())", "%", false, copyShare));
  }

  static Table scorecard(List<Scenario> scenarios, boolean withPeer) {
    List<String> header = new ArrayList<>(List.of("scenario", "unit"));
    for (ExecutorKind kind : ExecutorKind.values()) {
      header.add(kind.label());
    }
    if (withPeer) {
      header.add("CPython threads");
      header.add("CPython processes");
    }
    header.add("wins");
    Table table = new Table(header.toArray(String[]::new));
    for (Scenario s : scenarios) {
      List<Object> row = new ArrayList<>(List.of(s.name(), s.unit()));
      String winner = null;
      double best = Double.NaN;
      for (ExecutorKind kind : ExecutorKind.values()) {
        double v = s.figures().getOrDefault(kind.label(), Double.NaN);
        row.add(format(s, v));
        if (!Double.isNaN(v) && (Double.isNaN(best) || (s.higherIsBetter() ? v > best : v < best))) {
          best = v;
          winner = kind.label();
        }
      }
      if (withPeer) {
        row.add(format(s, s.figures().getOrDefault("CPython threads", Double.NaN)));
        row.add(format(s, s.figures().getOrDefault("CPython processes", Double.NaN)));
      }
      row.add(winner);
      table.row(row.toArray());
    }
    return table;
  }

  private static String format(Scenario s, double value) {
    return s.higherIsBetter() ? Table.times(value) : Table.num(value);
  }

  static List<org.knowm.xchart.CategoryChart> charts(List<Scenario> scenarios) {
    List<String> series = new ArrayList<>();
    for (ExecutorKind kind : ExecutorKind.values()) {
      series.add(kind.label());
    }
    series.add("CPython threads");
    series.add("CPython processes");
    Scenario tiny = scenarios.get(0);
    List<Scenario> scaling = List.of(scenarios.get(1), scenarios.get(2));
    Map<String, List<Double>> cost = new LinkedHashMap<>();
    Map<String, List<Double>> speed = new LinkedHashMap<>();
    for (String name : series) {
      cost.put(name, List.of(tiny.figures().getOrDefault(name, Double.NaN)));
      speed.put(name, IntStream.range(0, scaling.size())
          .mapToObj(i -> scaling.get(i).figures().getOrDefault(name, Double.NaN)).toList());
    }
    return List.of(
        Charts.bars("Per-task cost: threads win", "", "µs per task (log, lower is better)",
            List.of("tiny tasks"), cost, true),
        Charts.bars("CPU-bound, 2 workers: where copies win", "", "speedup over sequential (x)",
            List.of("no lock", "under a GIL-like lock"), speed, false));
  }
}
