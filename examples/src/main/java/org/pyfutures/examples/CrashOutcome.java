package org.pyfutures.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one batch of the {@code crash} subcommand ended with.
 *
 * @param tasks the tasks in the batch
 * @param finished how many futures got a result
 * @param outcomes what the futures got, result or exception, with counts, in order of first appearance
 * @param workerPids how many worker processes ran a task of the batch (a replaced worker adds one)
 * @param ms how long the batch took, pool start and close included
 */
record CrashOutcome(int tasks, int finished, Map<String, Integer> outcomes, int workerPids, double ms) {

  /** Copies the outcomes. */
  CrashOutcome {
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
  }

  /** The outcomes as table text: {@code result x19, WorkerExitedException (exit 3) x1}. */
  String summary() {
    return outcomes.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
  }

  /** The outcome as it goes into {@code crash.json}, with the keys of the CPython peer's. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tasks", tasks);
    json.put("finished", finished);
    json.put("outcomes", new LinkedHashMap<>(outcomes));
    json.put("worker_pids", workerPids);
    json.put("ms", ms);
    return json;
  }

  /**
   * Reads an outcome back from the CPython peer's JSON.
   *
   * @param json one scenario's object, as {@link Json#read} returns it
   * @return the outcome
   */
  static CrashOutcome fromJson(Map<?, ?> json) {
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    ((Map<?, ?>) json.get("outcomes")).forEach((k, v) -> outcomes.put(k.toString(), ((Number) v).intValue()));
    return new CrashOutcome(((Number) json.get("tasks")).intValue(), ((Number) json.get("finished")).intValue(),
        outcomes, ((Number) json.get("worker_pids")).intValue(), ((Number) json.get("ms")).doubleValue());
  }
}
