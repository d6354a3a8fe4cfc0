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
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.examples.workloads.Workloads;

/**
 * Workload W1 under JMH: a pool of 2 threads, submit 20,000 identity tasks, then collect; the score is
 * microseconds per task. {@code pyfutures} is {@link ThreadPoolExecutor}; {@code jdk} is
 * {@link java.util.concurrent.ThreadPoolExecutor} doing the same in the same run, the baseline of the target
 * "within 1.5x of the JDK pool".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(W1Benchmark.TASKS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class W1Benchmark {
  static final int TASKS = 20_000;
  static final int WORKERS = 2;

  private ThreadPoolExecutor pyfutures;
  private ExecutorService jdk;

  /** Starts both pools. */
  @Setup
  public void start() {
    pyfutures = new ThreadPoolExecutor(WORKERS);
    jdk = JdkBaseline.newPool(WORKERS);
  }

  /** Stops both pools. */
  @TearDown
  public void stop() throws InterruptedException {
    pyfutures.close();
    JdkBaseline.close(jdk);
  }

  /**
   * pyfutures' thread pool.
   *
   * @return the sum of the results
   */
  @Benchmark
  public long pyfutures() {
    return Workloads.submitAll(pyfutures, TASKS);
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
