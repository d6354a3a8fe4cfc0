package org.pyfutures.examples.workloads;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyfutures.Executor;
import org.pyfutures.TaskFunction;
import org.pyfutures.examples.ExecutorKind;
import org.pyfutures.examples.Progress;
import org.pyfutures.examples.Timing;

/**
 * Measures how a batch of equal CPU-bound jobs speeds up over running them one after another, per executor and
 * worker count: workload W7 and the {@code gil} story.
 */
public final class Scaling {
  /** How long each pool runs the batch untimed before it is timed. */
  static final long WARM_UP_MS = 300;

  private Scaling() {}

  /**
   * Runs a batch of {@code count} copies of {@code job(size)} sequentially, then on each executor kind at each
   * worker count.
   *
   * @param job the job, a serializable function (a static method reference)
   * @param size its argument
   * @param count how many equal jobs make the batch
   * @param workers the worker counts to try
   * @param kinds the executors to try
   * @param reps runs per configuration; the best counts
   * @param progress advanced once per configuration
   * @return {@code sequential_ms}, then {@code <kind>_<workers>} speedups (sequential time / pooled time), ordered by
   *     worker count then kind, as the peer script orders them
   * @throws Exception if a job fails
   */
  public static Map<String, Double> speedups(
      TaskFunction<Long, Long> job, long size, int count, int[] workers, List<ExecutorKind> kinds, int reps,
      Progress progress)
      throws Exception {
    return speedups(Map.of("job", job), size, count, workers, kinds, reps, progress).get("job");
  }

  /**
   * Like {@link #speedups(TaskFunction, long, int, int[], List, int, Progress)} for several jobs, measured on the
   * same pools so that each pool starts only once.
   *
   * @param jobs the jobs by name, serializable functions
   * @param size their argument
   * @param count how many equal jobs make a batch
   * @param workers the worker counts to try
   * @param kinds the executors to try
   * @param reps runs per configuration; the best counts
   * @param progress advanced once per job run sequentially and once per pool
   * @return per job name, its speedups as the single-job method returns them
   * @throws Exception if a job fails
   */
  public static Map<String, Map<String, Double>> speedups(
      Map<String, TaskFunction<Long, Long>> jobs, long size, int count, int[] workers, List<ExecutorKind> kinds,
      int reps, Progress progress)
      throws Exception {
    List<Long> batch = Collections.nCopies(count, size);
    Map<String, Map<String, Double>> results = new LinkedHashMap<>();
    for (Map.Entry<String, TaskFunction<Long, Long>> entry : jobs.entrySet()) {
      TaskFunction<Long, Long> job = entry.getValue();
      progress.show("sequential, " + entry.getKey());
      job.apply(size); // compile the job before timing it
      double sequential =
          Timing.best(reps, () -> {
            for (Long n : batch) {
              job.apply(n);
            }
          });
      Map<String, Double> result = new LinkedHashMap<>();
      result.put("sequential_ms", sequential * 1e3);
      results.put(entry.getKey(), result);
      progress.step("");
    }
    for (int w : workers) {
      for (ExecutorKind kind : kinds) {
        progress.show(kind.label() + " x" + w);
        try (Executor executor = kind.create(w)) {
          for (Map.Entry<String, TaskFunction<Long, Long>> entry : jobs.entrySet()) {
            TaskFunction<Long, Long> job = entry.getValue();
            // Untimed batches first: they start every worker and let each compile the job (a fresh interpreter
            // or worker JVM compiles its own copy, competing with the work for the same cores).
            Timing.warmUp(WARM_UP_MS, () -> executor.map(job, batch).forEach(r -> {}));
            double pooled = Timing.best(reps, () -> executor.map(job, batch).forEach(r -> {}));
            Map<String, Double> result = results.get(entry.getKey());
            result.put(kind.label() + "_" + w, result.get("sequential_ms") / 1e3 / pooled);
          }
        }
        progress.step("");
      }
    }
    return results;
  }
}
