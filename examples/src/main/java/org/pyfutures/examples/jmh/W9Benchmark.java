package org.pyfutures.examples.jmh;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pyfutures.Executor;
import org.pyfutures.examples.ExecutorKind;
import org.pyfutures.examples.workloads.Workloads;

/**
 * Workload W9 under JMH: a pool of 2 interpreters, submit 20,000 identity tasks, then collect; the score is microseconds per task, each task and result
 * copied across the boundary. {@code jdk} runs the same on {@link java.util.concurrent.ThreadPoolExecutor} in the
 * same run: the difference is the price of the copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(W9Benchmark.TASKS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class W9Benchmark {
  static final int TASKS = 20_000;
  static final int WORKERS = 2;

  private Executor interpreters;
  private ExecutorService jdk;

  /** Starts both pools. */
  @Setup
  public void start() {
    interpreters = ExecutorKind.INTERPRETERS.create(WORKERS);
    jdk = JdkBaseline.newPool(WORKERS);
  }

  /** Stops both pools. */
  @TearDown
  public void stop() throws InterruptedException {
    interpreters.close();
    JdkBaseline.close(jdk);
  }

  /**
   * pyfutures' interpreter pool.
   *
   * @return the sum of the results
   */
  @Benchmark
  public long interpreters() {
    return Workloads.submitAll(interpreters, TASKS);
  }

  /**
   * The JDK's thread pool, the baseline.
   *
   * @return the sum of the results
   * @throws Exception never, unless a task fails
   */
  @Benchmark
  public long jdk() throws Exception {
    return JdkBaseline.submitAll(jdk, TASKS);
  }
}
