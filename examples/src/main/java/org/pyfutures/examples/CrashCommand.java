package org.pyfutures.examples;

import java.awt.Color;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.pyfutures.process.OnWorkerDeath;

/**
 * The {@code crash} subcommand: a worker that dies, a task that never returns and a task that leaks, on a process
 * pool under {@link OnWorkerDeath#BREAK_POOL} and then {@link OnWorkerDeath#REPLACE_WORKER}, beside what CPython's
 * {@code ProcessPoolExecutor} does with the same batch.
 */
public final class CrashCommand implements Command {
  private static final String PEER_SCRIPT = "/peer/cpython_crash.py";
  private static final String CPYTHON = "CPython";
  /** pyfutures' policies in cool colours, CPython in its warm one, as in the other charts. */
  private static final Map<String, Color> COLORS = Map.of(
      OnWorkerDeath.BREAK_POOL.name(), new Color(0x9467bd),
      OnWorkerDeath.REPLACE_WORKER.name(), new Color(0x2ca02c),
      CPYTHON, new Color(0xff7f0e));

  @Override
  public String name() {
    return "crash";
  }

  @Override
  public String summary() {
    return "a task that exits, spins or leaks: BREAK_POOL, REPLACE_WORKER and CPython, task by task";
  }

  @Override
  public String description() {
    return """
        Three batches of ordinary tasks on a process pool of 2 workers, each with tasks that misbehave:
          exit      the middle task calls System.exit: its worker dies
          timeout   the middle task spins forever, under taskTimeout
          leak      every 5th task keeps 64 MiB in a static list, under maxWorkerMemory
        Each batch runs under onWorkerDeath(BREAK_POOL), CPython's behaviour and the default, then under
        REPLACE_WORKER. The table shows what the futures got, counted by result or exception type, how many tasks
        finished, and how many worker processes ran them. When python3 is on the PATH, the exit batch also runs
        on CPython's ProcessPoolExecutor (a script bundled in the jar); CPython has no task timeout and no memory
        limit, so those rows say n/a. Ends with when to choose which policy.
        Writes crash.json and crash.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    int tasks = options.pick(40, 20, 10);
    int workMs = options.pick(50, 50, 20);
    out.println(String.format(Locale.ROOT,
        "Crash: batches of %d tasks (%d ms each) on %d workers, one scenario at a time; %s",
        tasks, workMs, CrashBatch.WORKERS, Machine.summary()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe());
    json.put("workers", CrashBatch.WORKERS);
    json.put("tasks", tasks);
    json.put("work_ms", workMs);
    Map<CrashScenario, Map<String, CrashOutcome>> results = new LinkedHashMap<>();
    List<OnWorkerDeath> policies = List.of(OnWorkerDeath.BREAK_POOL, OnWorkerDeath.REPLACE_WORKER);
    try (Progress progress =
            Progress.start(options.progress(), "crash", (long) CrashScenario.values().length * policies.size() + 1)) {
      for (CrashScenario scenario : CrashScenario.values()) {
        Map<String, CrashOutcome> byPolicy = new LinkedHashMap<>();
        for (OnWorkerDeath policy : policies) {
          progress.show(scenario.key() + ", " + policy);
          byPolicy.put(policy.name(), CrashBatch.run(scenario, policy, tasks, workMs));
          progress.step("");
        }
        results.put(scenario, byPolicy);
      }
      progress.show("CPython");
      Optional<Map<String, Object>> peer = options.peer() ? cpython(tasks, workMs, out) : Optional.empty();
      peer.ifPresent(p -> {
        json.put("peer", p);
        results.get(CrashScenario.EXIT).put(CPYTHON, CrashOutcome.fromJson((Map<?, ?>) p.get("exit")));
      });
      progress.step("");
    }
    Table table = table(results, json);
    out.println();
    table.print(out);
    out.println();
    out.print(CrashAdvice.TEXT);
    Results.write(options, "crash", json, List.of(chart(results, tasks)), out);
  }

  /** Puts each outcome into a table row and into the JSON, CPython's included (or why it is missing). */
  private static Table table(Map<CrashScenario, Map<String, CrashOutcome>> results, Map<String, Object> json) {
    Table table = new Table("batch", "guard", "runs on", "finished", "worker pids", "what the futures got");
    for (var entry : results.entrySet()) {
      CrashScenario scenario = entry.getKey();
      Map<String, Object> scenarioJson = new LinkedHashMap<>();
      entry.getValue().forEach((who, o) -> {
        table.row(scenario.misbehaviour(), who.equals(CPYTHON) ? "none" : scenario.guard(), who,
            o.finished() + " of " + o.tasks(), o.workerPids(), o.summary());
        scenarioJson.put(who, o.json());
      });
      if (!entry.getValue().containsKey(CPYTHON)) {
        String why = switch (scenario) {
          case EXIT -> "did not run (no python3, or --no-peer)";
          case TIMEOUT -> "n/a: CPython's pool has no task timeout";
          case LEAK -> "n/a: CPython's pool has no memory limit";
        };
        table.row(scenario.misbehaviour(), "", CPYTHON, "-", "-", why);
        scenarioJson.put(CPYTHON, scenario == CrashScenario.EXIT ? null : "n/a");
      }
      json.put(scenario.key(), scenarioJson);
    }
    return table;
  }

  private static Optional<Map<String, Object>> cpython(int tasks, int workMs, PrintStream out) {
    List<String> args = List.of("--tasks=" + tasks, "--exit-at=" + tasks / 2, "--work-ms=" + workMs);
    Optional<Map<String, Object>> peer = Peer.run(PEER_SCRIPT, args, Duration.ofSeconds(60), out);
    peer.ifPresent(p -> out.println("CPython peer: " + p.get("runtime") + ", start method " + p.get("start_method")));
    return peer;
  }

  private static CategoryChart chart(Map<CrashScenario, Map<String, CrashOutcome>> results, int tasks) {
    List<String> categories = new ArrayList<>();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String who : List.of(OnWorkerDeath.BREAK_POOL.name(), OnWorkerDeath.REPLACE_WORKER.name(), CPYTHON)) {
      series.put(who, new ArrayList<>());
    }
    results.forEach((scenario, byWho) -> {
      categories.add(scenario.misbehaviour());
      series.forEach((who, values) -> {
        CrashOutcome o = byWho.get(who);
        values.add(o == null ? Double.NaN : o.finished());
      });
    });
    String title = "Tasks finished of " + tasks + " (CPython: no task timeout, no memory limit)";
    CategoryChart chart = Charts.bars(title, "", "tasks finished", categories, series, false);
    COLORS.forEach((who, color) -> {
      var bars = chart.getSeries(who);
      if (bars != null) {
        bars.setFillColor(color);
      }
    });
    return chart;
  }
}
