package org.pyfutures;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyfutures.internal.AbstractExecutor;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.internal.WorkerContext;
import org.pyfutures.internal.WorkerContextFactory;

/**
 * An {@link Executor} that runs tasks on a pool of threads sharing memory: nothing is copied, and, unlike
 * CPython, CPU-bound tasks run in parallel (Python's {@code ThreadPoolExecutor}).
 *
 * <p>Threads start lazily: a submission reuses an idle worker if there is one, and otherwise starts a new thread,
 * never more than {@code maxWorkers}. Threads are named {@code prefix_N}; the default prefix is
 * {@code ThreadPoolExecutor-K} with {@code K} counting pools. Platform worker threads are daemons (see
 * {@link Executor} on JVM exit); with
 * {@link Builder#virtualThreads(boolean)} each worker is a virtual thread instead, so thousands of blocking waits
 * cost little memory. Work is queued without bound, in submission order.
 *
 * <p>An {@linkplain Builder#initializer initializer} runs in each thread before its first task. If it throws,
 * the pool is broken: queued futures (other than cancelled ones) fail with {@link BrokenThreadPoolException}, as
 * does every later submission; tasks already taken by healthy threads finish.
 *
 * <p>{@link Future#cancel(boolean) cancel(true)} on the future of a running task cancels the future and interrupts
 * the worker thread running the task; the task stops when it reacts to the interrupt, and its result is
 * discarded. The interrupt reaches nothing else: a cancellation that comes once the worker has left the task
 * interrupts nothing, and the worker clears its interrupt status before it takes its next task. {@link #shutdownNow()} cancels
 * queued work and stops running tasks the same way, so their futures end cancelled; it also interrupts a worker
 * still running its initializer. A pool that becomes unreachable without being shut down is shut down when
 * garbage collected; its queued work still runs.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to submitting a task <i>happen-before</i> the
 * task begins, and actions of the task <i>happen-before</i> the result is retrieved through its future.
 * Termination, as observed by {@link #awaitTermination} or {@code shutdown(true, ...)}, <i>happens-after</i>
 * every task has completed, and after every future that {@code shutdown(..., true)} or {@link #shutdownNow()}
 * cancelled is cancelled, its callbacks run.
 */
public class ThreadPoolExecutor extends AbstractExecutor {
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
  private static final Cleaner CLEANER = Cleaner.create();

  private final ThreadWorkers workers;

  /** Creates a pool with the default number of workers, {@link #defaultMaxWorkers()}. */
  public ThreadPoolExecutor() {
    this(builder());
  }

  /**
   * Creates a pool of at most {@code maxWorkers} threads.
   *
   * @param maxWorkers the most threads to start, at least 1
   * @throws IllegalArgumentException if {@code maxWorkers < 1}
   */
  public ThreadPoolExecutor(int maxWorkers) {
    this(builder().maxWorkers(maxWorkers));
  }

  private ThreadPoolExecutor(Builder builder) {
    this(
        builder.maxWorkers,
        builder.threadNamePrefix != null
            ? builder.threadNamePrefix
            : defaultThreadNamePrefix("ThreadPoolExecutor"),
        builder.virtualThreads,
        new DirectContexts(builder.initializer));
  }

  /**
   * Creates a pool whose workers run tasks through contexts from {@code contexts}; for executors built on this
   * one, such as the interpreter pool.
   *
   * @param maxWorkers the most threads to start, at least 1
   * @param threadNamePrefix the prefix of worker thread names
   * @param virtualThreads whether workers are virtual threads
   * @param contexts the factory of per-worker contexts
   * @throws IllegalArgumentException if {@code maxWorkers < 1}
   */
  protected ThreadPoolExecutor(
      int maxWorkers, String threadNamePrefix, boolean virtualThreads, WorkerContextFactory contexts) {
    checkMaxWorkers(maxWorkers);
    Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
    Objects.requireNonNull(contexts, "contexts");
    this.workers = new ThreadWorkers(maxWorkers, threadNamePrefix, virtualThreads, contexts, counters());
    ThreadWorkers unreachable = workers;
    CLEANER.register(this, () -> unreachable.shutdown(false, false));
  }

  /**
   * Returns a builder with the defaults: {@link #defaultMaxWorkers()} platform threads, the default name
   * prefix, no initializer.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the default number of workers, {@code min(32, availableProcessors + 4)}, as in CPython 3.13+.
   *
   * @return the default {@code maxWorkers}
   */
  public static int defaultMaxWorkers() {
    return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
  }

  /**
   * Returns a fresh default thread name prefix, {@code base-K}, numbering pools across this class and its
   * subclasses.
   *
   * @param base the executor's name, such as {@code "ThreadPoolExecutor"}
   * @return the prefix
   */
  protected static String defaultThreadNamePrefix(String base) {
    return base + "-" + POOL_NUMBER.getAndIncrement();
  }

  static int checkMaxWorkers(int maxWorkers) {
    if (maxWorkers < 1) {
      throw new IllegalArgumentException("maxWorkers must be greater than 0, was " + maxWorkers);
    }
    return maxWorkers;
  }

  /**
   * Returns the most threads this pool starts.
   *
   * @return {@code maxWorkers}
   */
  public final int maxWorkers() {
    return workers.maxWorkers();
  }

  @Override
  protected final int parallelism() {
    return workers.maxWorkers();
  }

  @Override
  protected final <R> Future<R> submitTask(Task<R> task) {
    return workers.submit(task);
  }

  @Override
  public final void shutdown(boolean wait, boolean cancelFutures) {
    workers.shutdown(wait, cancelFutures);
  }

  /**
   * Stops the pool: no new work, queued tasks cancelled and returned, running tasks interrupted and their futures
   * cancelled, as by {@link Future#cancel(boolean) cancel(true)}. Does not wait.
   *
   * @return the tasks that never started, as runnables
   */
  @Override
  public final List<Runnable> shutdownNow() {
    return workers.shutdownNow();
  }

  @Override
  public final boolean isShutdown() {
    return workers.isShutdown();
  }

  @Override
  public final boolean isTerminated() {
    return workers.isTerminated();
  }

  @Override
  public final boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return workers.awaitTermination(timeout, unit);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + workers.describe();
  }

  /** The thread pool's worker context: runs the initializer, then calls each task directly. */
  private record DirectContexts(Initializer initializer) implements WorkerContextFactory {
    private static final int CLOCK_EVERY = 64;

    @Override
    public WorkerContext newContext(StatsCounters.Local stats) {
      return new WorkerContext() {
        // Run time is the worker's busy time, counted from when it took a task after waiting for work. The clock is
        // read when the worker goes idle or exits, and every CLOCK_EVERY tasks between, not around each task: the
        // pool's own step between two tasks counts as run time, and stats() lags by at most that many tasks per
        // worker until the pool is closed (W1 under JMH moved by a third with two clock reads per task).
        private long busySince;
        private int untimed;

        @Override
        public void idled() {
          if (busySince != 0) {
            stats.ran(System.nanoTime() - busySince);
            busySince = 0;
            untimed = 0;
          }
        }

        @Override
        public void initialize() throws Exception {
          if (initializer != null) {
            initializer.run();
          }
        }

        @Override
        public <R> R run(Task<R> task) throws Exception {
          if (busySince == 0) {
            busySince = System.nanoTime();
          }
          try {
            return task.call();
          } finally {
            if (++untimed == CLOCK_EVERY) {
              long now = System.nanoTime();
              stats.ran(now - busySince);
              busySince = now;
              untimed = 0;
            }
          }
        }

        @Override
        public void close() {
          idled();
        }
      };
    }

    @Override
    public BrokenExecutorException broken(Throwable cause) {
      return new BrokenThreadPoolException(
          "A thread initializer failed, the thread pool is not usable anymore", cause);
    }
  }

  /**
   * Configures a {@link ThreadPoolExecutor}. Not thread-safe. Executors built on the thread pool extend it,
   * overriding each setter to return their own builder.
   */
  public static class Builder {
    private int maxWorkers = defaultMaxWorkers();
    private String threadNamePrefix;
    private Initializer initializer;
    private boolean virtualThreads;

    /** Creates a builder with the defaults; for subclasses, others use {@link ThreadPoolExecutor#builder()}. */
    protected Builder() {}

    /**
     * Returns the configured most number of workers.
     *
     * @return {@code maxWorkers}
     */
    protected final int configuredMaxWorkers() {
      return maxWorkers;
    }

    /**
     * Returns the configured thread name prefix.
     *
     * @return the prefix, or {@code null} for the executor's default
     */
    protected final String configuredThreadNamePrefix() {
      return threadNamePrefix;
    }

    /**
     * Returns the configured initializer.
     *
     * @return the initializer, or {@code null}
     */
    protected final Initializer configuredInitializer() {
      return initializer;
    }

    /**
     * Returns whether workers are to be virtual threads.
     *
     * @return {@code true} for virtual threads
     */
    protected final boolean configuredVirtualThreads() {
      return virtualThreads;
    }

    /**
     * Sets the most threads the pool starts.
     *
     * @param maxWorkers at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxWorkers < 1}
     */
    public Builder maxWorkers(int maxWorkers) {
      this.maxWorkers = checkMaxWorkers(maxWorkers);
      return this;
    }

    /**
     * Sets the prefix of worker thread names; threads are named {@code prefix_0}, {@code prefix_1}, ...
     *
     * @param threadNamePrefix the prefix
     * @return this builder
     */
    public Builder threadNamePrefix(String threadNamePrefix) {
      this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
      return this;
    }

    /**
     * Sets code to run in each worker thread before its first task; if it throws, the pool is broken.
     *
     * @param initializer the initializer
     * @return this builder
     */
    public Builder initializer(Initializer initializer) {
      this.initializer = Objects.requireNonNull(initializer, "initializer");
      return this;
    }

    /**
     * Sets whether each worker is a virtual thread rather than a platform thread.
     *
     * @param virtualThreads {@code true} for virtual threads
     * @return this builder
     */
    public Builder virtualThreads(boolean virtualThreads) {
      this.virtualThreads = virtualThreads;
      return this;
    }

    /**
     * Creates the pool. No thread starts until the first submission.
     *
     * @return a new pool
     */
    public ThreadPoolExecutor build() {
      return new ThreadPoolExecutor(this);
    }
  }
}
