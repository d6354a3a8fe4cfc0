package org.pyfutures.examples.workloads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.MapOptions;
import org.pyfutures.TaskFunction;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.examples.ExecutorKind;
import org.pyfutures.examples.Timing;

/**
 * The fixed benchmark workloads W1–W12 of DESIGN.md, one method per shape, with the definitions of the CPython
 * peer script. Each figure is the best of a few runs after a warm-up (the JVM compiles hot code as it runs; CPython
 * does not, so the peer warms up with 100 tasks only): a fraction of a second, or as long as the caller says.
 */
public final class Workloads {
  /** The 16 MiB payload of W5. */
  public static final int ECHO_BYTES = 16 << 20;
  /** W12: how many byte arrays are echoed, and the size of each. */
  public static final int ECHO_MANY = 8;

  public static final int ECHO_MANY_BYTES = 4 << 20;

  /** How long a workload runs untimed first, so that timed runs see compiled code. */
  public static final long WARM_UP_MS = 300;

  /**
   * The warm-up of {@code bench}'s full run for the workloads of many tiny tasks, whose path is compiled in the
   * pool's JVM and in each worker's at once.
   */
  public static final long MANY_TASKS_WARM_UP_MS = 1_500;

  private Workloads() {}

  /**
   * W1, W2, W9: submits {@code n} identity tasks, then collects every result.
   *
   * @param executor the pool
   * @param n how many tasks
   * @param reps timed runs; the best counts
   * @param warmUpMs how long the workload runs untimed first
   * @return microseconds per task
   * @throws Exception if a task fails
   */
  public static double submitThenCollect(Executor executor, int n, int reps, long warmUpMs) throws Exception {
    Timing.warmUp(warmUpMs, () -> submitAll(executor, n));
    return Timing.best(reps, () -> submitAll(executor, n)) / n * 1e6;
  }

  /**
   * Submits {@code n} identity tasks, then waits for each result: the body of W1, W2, W9 and their JMH versions.
   *
   * @param executor the pool
   * @param n how many tasks
   * @return the sum of the results, so the work cannot be optimised away
   */
  public static long submitAll(Executor executor, int n) {
    List<Future<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(executor.submit(Jobs::identity, i));
    }
    long sum = 0;
    for (Future<Integer> f : futures) {
      sum += f.result();
    }
    return sum;
  }

  /**
   * W3, W4, W11: maps identity over {@code n} ints.
   *
   * @param executor the pool
   * @param n how many elements
   * @param chunksize elements per task on copying pools, or 0 for {@link MapOptions#withAutoChunksize()}
   * @param reps timed runs; the best counts
   * @param warmUpMs how long the workload runs untimed first
   * @return microseconds per element
   * @throws Exception if a task fails
   */
  public static double mapIdentity(Executor executor, int n, int chunksize, int reps, long warmUpMs)
      throws Exception {
    List<Integer> inputs = IntStream.range(0, n).boxed().toList();
    MapOptions options =
        chunksize == 0 ? MapOptions.defaults().withAutoChunksize() : MapOptions.defaults().withChunksize(chunksize);
    TaskFunction<Integer, Integer> identity = Jobs::identity;
    Timing.warmUp(warmUpMs, () -> executor.map(identity, inputs, options).forEach(r -> {}));
    return Timing.best(reps, () -> executor.map(identity, inputs, options).forEach(r -> {})) / n * 1e6;
  }

  /**
   * W10: one task at a time, submit then wait for the result.
   *
   * @param executor the pool
   * @param rounds timed round trips
   * @return microseconds per round trip
   * @throws Exception if a task fails
   */
  public static double roundTrips(Executor executor, int rounds) throws Exception {
    Timing.Body body =
        () -> {
          for (int i = 0; i < rounds; i++) {
            executor.submit(Jobs::identity, i).result();
          }
        };
    Timing.warmUp(WARM_UP_MS, body);
    return Timing.once(body) / rounds * 1e6;
  }

  /**
   * W5: sends a 16 MiB byte array to a worker and back.
   *
   * @param executor the pool
   * @param reps timed runs; the best counts
   * @return milliseconds per round trip
   * @throws Exception if the task fails
   */
  public static double echo(Executor executor, int reps) throws Exception {
    byte[] payload = new byte[ECHO_BYTES];
    java.util.Arrays.fill(payload, (byte) 'x');
    Timing.Body body =
        () -> {
          if (executor.submit(Jobs::echo, payload).result().length != ECHO_BYTES) {
            throw new IllegalStateException("echo lost bytes");
          }
        };
    Timing.warmUp(WARM_UP_MS, body);
    return Timing.best(reps, body) * 1e3;
  }

  /**
   * W12: maps echo over {@value #ECHO_MANY} byte arrays of {@value #ECHO_MANY_BYTES} bytes, several of them in
   * flight at once on a pool of two.
   *
   * @param executor the pool
   * @param reps timed runs; the best counts
   * @return milliseconds for all of them
   * @throws Exception if a task fails
   */
  public static double echoMany(Executor executor, int reps) throws Exception {
    List<byte[]> payloads = new java.util.ArrayList<>();
    for (int i = 0; i < ECHO_MANY; i++) {
      byte[] payload = new byte[ECHO_MANY_BYTES];
      java.util.Arrays.fill(payload, (byte) ('a' + i));
      payloads.add(payload);
    }
    TaskFunction<byte[], byte[]> echo = Jobs::echo;
    Timing.Body body =
        () -> {
          long bytes = executor.map(echo, payloads).mapToLong(b -> b.length).sum();
          if (bytes != (long) ECHO_MANY * ECHO_MANY_BYTES) {
            throw new IllegalStateException("echo lost bytes");
          }
        };
    Timing.warmUp(WARM_UP_MS, body);
    return Timing.best(reps, body) * 1e3;
  }

  /**
   * W6: constructs a pool, waits for its first result, shuts it down; like the peer's {@code with} block, the
   * time includes the shutdown.
   *
   * @param kind the executor
   * @param workers its size
   * @param reps timed runs; the best counts
   * @return milliseconds from construction to the first result and the pool's termination
   * @throws Exception if the task fails
   */
  public static double firstResult(ExecutorKind kind, int workers, int reps) throws Exception {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < Math.max(1, reps); i++) {
      long start = System.nanoTime();
      try (Executor executor = kind.create(workers)) {
        executor.submit(Jobs::identity, 1).result();
      }
      best = Math.min(best, (System.nanoTime() - start) / 1e6);
    }
    return best;
  }

  /**
   * W8: {@code sleeps} sleeps of {@code millis} ms each on a thread pool.
   *
   * @param workers the pool's size
   * @param sleeps how many sleeps
   * @param millis the length of each
   * @return milliseconds for all of them
   * @throws Exception if a sleep is interrupted
   */
  public static double sleeps(int workers, int sleeps, long millis) throws Exception {
    try (ThreadPoolExecutor executor = new ThreadPoolExecutor(workers)) {
      List<Long> inputs = Collections.nCopies(sleeps, millis);
      return Timing.once(() -> executor.map(Jobs::sleepFor, inputs).forEach(r -> {})) * 1e3;
    }
  }
}
