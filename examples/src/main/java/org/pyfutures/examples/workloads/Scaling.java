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
  private Scaling() {}

  /**
   * Runs {@code jobs} copies of {@code job(size)} sequentially, then on each executor kind at each worker count.
   *
   * @param job the job, a serializable function (a static method reference)
   * @param size its argument
   * @param jobs how many equal jobs make the batch
   * @param workers the worker counts to try
   * @param kinds the executors to try
   * @param reps runs per configuration; the best counts
   * @param progress advanced once per configuration
   * @return {@code sequential_ms}, then {@code <kind>_<workers>} speedups (sequential time / pooled time), ordered by
   *     worker count then kind, as the peer script orders them
   * @throws Exception if a job fails
   */
  public static Map<String, Double> speedups(
      TaskFunction<Long, Long> job,
      long size,
      int jobs,
      int[] workers,
      List<ExecutorKind> kinds,
      int reps,
      Progress progress)
      throws Exception {
    List<Long> batch = Collections.nCopies(jobs, size);
    progress.show("sequential");
    job.apply(size); // compile the job before timing it
    double sequential =
        Timing.best(
            reps,
            () -> {
              for (Long n : batch) {
                job.apply(n);
              }
            });
    progress.step("sequential");
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("sequential_ms", sequential * 1e3);
    for (int w : workers) {
      for (ExecutorKind kind : kinds) {
        progress.show(kind.label() + " x" + w);
        try (Executor executor = kind.create(w)) {
          // One job per worker first: starts every worker and compiles the job in each of them.
          executor.map(job, Collections.nCopies(w, size)).forEach(r -> {});
          double pooled = Timing.best(reps, () -> executor.map(job, batch).forEach(r -> {}));
          result.put(kind.label() + "_" + w, sequential / pooled);
        }
        progress.step(kind.label() + " x" + w);
      }
    }
    return result;
  }
}
