package org.pyfutures.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.process.OnWorkerDeath;
import org.pyfutures.process.ProcessPoolExecutor;
import org.pyfutures.process.TaskTimeoutException;
import org.pyfutures.process.WorkerExitedException;

/** Runs one batch of the {@code crash} subcommand on a fresh pool of two workers and says what each future got. */
final class CrashBatch {
  static final int WORKERS = 2;

  /** How long to wait for a whole batch; a future still not done after this is reported, not waited for. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private CrashBatch() {}

  /**
   * Submits the whole batch, then waits for every future.
   *
   * @param scenario which task misbehaves, and the pool's guard against it
   * @param policy what the pool does when a worker dies
   * @param tasks the batch size
   * @param workMs how long each ordinary task takes
   * @return what the futures got
   */
  static CrashOutcome run(CrashScenario scenario, OnWorkerDeath policy, int tasks, int workMs) {
    long start = System.nanoTime();
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    Set<Long> pids = new HashSet<>();
    int finished = 0;
    ProcessPoolExecutor.Builder builder =
        ProcessPoolExecutor.builder().maxWorkers(WORKERS).onWorkerDeath(policy);
    try (ProcessPoolExecutor pool = scenario.guard(builder).build()) {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        try {
          futures.add(pool.submit(scenario.task(i, tasks), workMs));
        } catch (RuntimeException e) {
          outcomes.merge(describe(e) + " at submit", 1, Integer::sum);
        }
      }
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      for (Future<Long> f : futures) {
        String got = outcome(f, Duration.ofNanos(deadline - System.nanoTime()), pids);
        finished += got.equals("result") ? 1 : 0;
        outcomes.merge(got, 1, Integer::sum);
      }
    }
    return new CrashOutcome(tasks, finished, outcomes, pids.size(), (System.nanoTime() - start) / 1e6);
  }

  private static String outcome(Future<Long> f, Duration wait, Set<Long> pids) {
    Throwable e;
    try {
      e = f.exception(wait);
    } catch (CancellationException cancelled) {
      return "cancelled";
    } catch (RuntimeException notDone) {
      return f.isDone() ? describe(notDone) : "not done after " + PATIENCE.toSeconds() + " s";
    }
    if (e == null) {
      pids.add(f.result());
      return "result";
    }
    if (e instanceof WorkerExitedException w) {
      pids.add(w.pid());
    }
    return describe(e);
  }

  /** Names an exception by its type, with the exit status or timeout it carries. */
  static String describe(Throwable e) {
    String name = e.getClass().getSimpleName();
    if (e instanceof WorkerExitedException w) {
      return name + " (" + w.signal().orElse("exit " + w.exitCode()) + ")";
    }
    if (e instanceof TaskTimeoutException t) {
      return name + " (" + t.timeout().toMillis() + " ms)";
    }
    if (e instanceof BrokenProcessPoolException && e.getCause() instanceof WorkerExitedException w) {
      return name + " (cause: " + w.signal().orElse("exit " + w.exitCode()) + ")";
    }
    return name;
  }
}
