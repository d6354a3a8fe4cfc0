package org.pyfutures.process;

import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Executor;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.Future;
import org.pyfutures.Initializer;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.Task;
import org.pyfutures.internal.AbstractExecutor;
import org.pyfutures.process.internal.host.JvmOptions;
import org.pyfutures.process.internal.host.PoolConfig;
import org.pyfutures.process.internal.host.ProcessPool;

/**
 * An {@link Executor} that runs each task in one of a pool of worker JVMs, copying the task in and its result
 * out over the worker's stdin and stdout (Python's {@code ProcessPoolExecutor}). Workers share no memory with this
 * process or each other, so CPU-bound tasks run in parallel whatever locks they take, and a task that crashes
 * its JVM cannot take this one with it.
 *
 * <p><b>Workers.</b> A worker is started with this JVM's {@code java} launcher and class path (see the
 * {@linkplain Builder builder} to change either), lazily: a submission reuses an idle worker if there is one, and
 * otherwise starts a new one, never more than {@code maxWorkers}. Workers are reused for many tasks, one task at a
 * time; an {@linkplain Builder#initializer initializer} runs once in each before its first task, and
 * {@linkplain Builder#maxTasksPerChild maxTasksPerChild} replaces a worker after that many tasks. Output of task
 * code to {@code System.out} or {@code System.err} arrives on this process's {@code System.err}, each line prefixed
 * with the worker's number and pid. A worker exits when the pool no longer needs it, and on its own when this
 * process dies, however it dies.
 *
 * <p><b>Copying.</b> A task, its arguments and its result are copied with Kryo, configured like pickle: any class,
 * shared references and cycles; records and collections cross intact; serializable lambdas and method references
 * work with no JVM flags. Submitted objects must be {@link java.io.Serializable}: a task whose class is not is
 * rejected by {@code submit} with a message naming it. A copy that fails anywhere (the task serialized here, read
 * in the worker, the result serialized there or read here) fails that task's future with the serializer's
 * exception, and the pool carries on. A {@linkplain Builder#kryoCustomizer customizer} can register classes and
 * serializers on both sides. The task runs on a copy: what it changes, this process does not see.
 *
 * <p><b>Failures.</b> An exception thrown by a task keeps its type, message and stack trace, and gains a
 * {@link RemoteTraceback} suppressed exception naming the worker's pid; an exception that cannot be copied back
 * arrives as an {@link ExecutionFailedException}. What a worker that dies abruptly (a crash, {@code System.exit},
 * {@code Runtime.halt}, being killed) does is the {@linkplain Builder#onWorkerDeath policy}'s choice. By default
 * ({@link OnWorkerDeath#BREAK_POOL}, Python's behaviour) it breaks the pool: every pending future fails with its own
 * {@link BrokenProcessPoolException} naming that worker's pid and exit status, with a {@link WorkerExitedException}
 * as its cause, the other workers are stopped, and every later submission throws one too. Under
 * {@link OnWorkerDeath#REPLACE_WORKER} only the dead worker's task fails, with a {@link WorkerExitedException}, and
 * a replacement takes over the rest, including tasks sent ahead to the dead worker that it never started. An initializer that throws breaks the pool either way.
 *
 * <p><b>Stopping running work.</b> {@code cancel(true)} on the future of a running task kills its worker
 * ({@code SIGKILL}) and starts a replacement; the future is cancelled and the pool carries on. A worker whose
 * tasks are short is first given 200 ms to finish the cancelled task, whose result is then discarded. A
 * {@linkplain Builder#taskTimeout task timeout} does the same to a task that runs too long, failing its future with
 * {@link TaskTimeoutException}, and a {@linkplain Builder#maxWorkerMemory memory limit} retires a worker that has
 * grown too large after its task. None of these breaks the pool.
 *
 * <p><b>Scheduling and shutdown.</b> Tasks wait in this process, in submission order, until a worker is free;
 * until then they are {@code PENDING} and can be cancelled. While a worker's tasks are short (under 0.5 ms), the
 * next ones are sent ahead into its pipe, up to 8 in all for tasks under 50 µs, so that it never waits for a round
 * trip between them; those are {@code RUNNING}, as in Python's call queue, and go back to the queue if their worker
 * dies before starting them. {@link #shutdown(boolean, boolean)} and {@link #close()}
 * behave as in Python: queued work still runs unless cancelled, and waiting means until every worker process has
 * exited. {@link #shutdownNow()}, {@link #terminateWorkers()} and {@link #killWorkers()} also stop running work by
 * ending the workers; the futures of the tasks they stop end cancelled ({@code shutdownNow}) or fail with
 * {@link BrokenProcessPoolException} ({@code terminateWorkers}, {@code killWorkers}, as in Python). A pool never
 * keeps this JVM alive: at exit, and when it becomes unreachable, it is shut down and still runs its queued work
 * (see {@link org.pyfutures.Executor}). Futures are completed,
 * and their done-callbacks run, in the pool thread that reads a worker's results: a callback that blocks holds up
 * that worker's results too, so a callback must never wait for another task of the same pool.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to submitting a task <i>happen-before</i> the
 * task is copied, which happens in the submitting thread before {@code submit} returns, so the worker sees the
 * task as it was at submission. Actions of the task in the worker <i>happen-before</i> the result is retrieved
 * through its future. Termination, as observed by {@link #awaitTermination} or {@code shutdown(true, ...)},
 * <i>happens-after</i> every task has completed and every worker process has exited.
 */
public final class ProcessPoolExecutor extends AbstractExecutor {
  private static final Cleaner CLEANER = Cleaner.create();

  private final ProcessPool pool;

  /** Creates a pool of up to {@link Runtime#availableProcessors()} workers. */
  public ProcessPoolExecutor() {
    this(builder());
  }

  /**
   * Creates a pool of up to {@code maxWorkers} workers.
   *
   * @param maxWorkers the most worker processes to start, at least 1
   * @throws IllegalArgumentException if {@code maxWorkers < 1}
   */
  public ProcessPoolExecutor(int maxWorkers) {
    this(builder().maxWorkers(maxWorkers));
  }

  private ProcessPoolExecutor(Builder b) {
    PoolConfig config =
        new PoolConfig(
            b.maxWorkers,
            b.maxTasksPerChild,
            b.initializer,
            b.kryoCustomizer,
            b.javaExecutable != null ? b.javaExecutable : PoolConfig.defaultJavaExecutable(),
            b.classpath != null ? b.classpath : PoolConfig.defaultClasspath(),
            b.jvmOptions,
            b.environment,
            b.classDataSharing,
            PoolConfig.defaultLoader(),
            b.onWorkerDeath,
            b.taskTimeout,
            b.maxWorkerMemory);
    try {
      this.pool = new ProcessPool(config, counters());
    } catch (RuntimeException notSerializable) {
      throw new IllegalArgumentException(
          "the initializer and the Kryo customizer must be serializable: " + notSerializable.getMessage(),
          notSerializable);
    }
    ProcessPool unreachable = pool;
    CLEANER.register(this, () -> unreachable.shutdown(false, false));
  }

  /**
   * Returns a builder with the defaults: {@link Runtime#availableProcessors()} workers, no initializer, workers
   * never replaced, this JVM's launcher and class path.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the most worker processes this pool starts.
   *
   * @return {@code maxWorkers}
   */
  public int maxWorkers() {
    return pool.maxWorkers();
  }

  @Override
  protected boolean copiesTasks() {
    return true;
  }

  @Override
  protected int parallelism() {
    return pool.maxWorkers();
  }

  @Override
  protected <R> Future<R> submitTask(Task<R> task) {
    return pool.submit(task);
  }

  /**
   * Stops accepting work (Python's {@code shutdown}); safe to call more than once.
   *
   * @param wait whether to wait until every accepted task is done and every worker process has exited; if the
   *     caller is interrupted while waiting, the workers are terminated as by {@link #shutdownNow()} and the wait
   *     goes on, after which the interrupt status is restored. A call from a pool thread (a done-callback) never
   *     waits.
   * @param cancelFutures whether to cancel every task that has not started; running tasks finish either way
   */
  @Override
  public void shutdown(boolean wait, boolean cancelFutures) {
    pool.shutdown(wait, cancelFutures);
  }

  /**
   * Stops the pool: no new work, queued tasks cancelled and returned, running tasks cancelled, every worker
   * terminated ({@code SIGTERM}). Does not wait.
   *
   * @return the tasks that never started; running one runs a copy of the task in the calling thread
   */
  @Override
  public List<Runnable> shutdownNow() {
    return pool.forceStop("shutdownNow()", false, true);
  }

  /**
   * Shuts the pool down, cancels every queued task and terminates every worker process with {@code SIGTERM} (or
   * its platform equivalent), as Python 3.14's {@code terminate_workers()}. Futures of tasks that were running fail
   * with {@link BrokenProcessPoolException}. Does not wait; safe to call when workers have already exited.
   */
  public void terminateWorkers() {
    pool.forceStop("terminateWorkers()", false, false);
  }

  /**
   * Like {@link #terminateWorkers()}, but kills every worker process with {@code SIGKILL} (or its platform
   * equivalent), which it cannot ignore; as Python 3.14's {@code kill_workers()}.
   */
  public void killWorkers() {
    pool.forceStop("killWorkers()", true, false);
  }

  @Override
  public boolean isShutdown() {
    return pool.isShutdown();
  }

  /**
   * Returns whether the pool has terminated: shut down, every task done, every worker process exited.
   *
   * @return {@code true} once terminated
   */
  @Override
  public boolean isTerminated() {
    return pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(unit.toNanos(timeout));
  }

  @Override
  public String toString() {
    return pool.describe();
  }

  /** Configures a {@link ProcessPoolExecutor}. Not thread-safe. */
  public static final class Builder {
    private int maxWorkers = Runtime.getRuntime().availableProcessors();
    private int maxTasksPerChild;
    private Initializer initializer;
    private KryoCustomizer kryoCustomizer;
    private Path javaExecutable;
    private List<Path> classpath;
    private List<String> jvmOptions = List.of();
    private Map<String, String> environment = Map.of();
    private boolean classDataSharing = true;
    private OnWorkerDeath onWorkerDeath = OnWorkerDeath.BREAK_POOL;
    private Duration taskTimeout;
    private long maxWorkerMemory;

    private Builder() {}

    /**
     * Sets the most worker processes the pool starts.
     *
     * @param maxWorkers at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxWorkers < 1}
     */
    public Builder maxWorkers(int maxWorkers) {
      if (maxWorkers < 1) {
        throw new IllegalArgumentException("maxWorkers must be greater than 0, was " + maxWorkers);
      }
      this.maxWorkers = maxWorkers;
      return this;
    }

    /**
     * Sets code to run in each worker before its first task. It is serialized and runs in the worker; if it
     * throws, the pool is broken.
     *
     * @param initializer the initializer, serializable
     * @return this builder
     */
    public Builder initializer(Initializer initializer) {
      this.initializer = Objects.requireNonNull(initializer, "initializer");
      return this;
    }

    /**
     * Replaces each worker with a fresh JVM after it has run this many tasks, so state a task leaves behind (in
     * static fields, say) does not outlive it by long.
     *
     * @param maxTasksPerChild at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTasksPerChild < 1}
     */
    public Builder maxTasksPerChild(int maxTasksPerChild) {
      if (maxTasksPerChild < 1) {
        throw new IllegalArgumentException("maxTasksPerChild must be >= 1, was " + maxTasksPerChild);
      }
      this.maxTasksPerChild = maxTasksPerChild;
      return this;
    }

    /**
     * Adds options for the worker JVMs, after the pool's defaults (so they win where they conflict): for example
     * {@code -Xmx2g} or {@code -XX:+UseParallelGC}. A worker's stdout carries the protocol, so options that make
     * the JVM write to stdout ({@code -verbose:gc}, {@code -Xlog:gc}, {@code --show-version}) are rejected here;
     * send such output to stderr ({@code -Xlog:gc:stderr}) or a file.
     *
     * @param jvmOptions the options
     * @return this builder
     * @throws IllegalArgumentException if an option would write to the worker's stdout; the message names it
     */
    public Builder jvmOptions(List<String> jvmOptions) {
      this.jvmOptions = JvmOptions.checked(jvmOptions);
      return this;
    }

    /**
     * Sets the {@code java} launcher for workers; by default this JVM's own ({@code java.home/bin/java}).
     *
     * @param javaExecutable the launcher
     * @return this builder
     */
    public Builder javaExecutable(Path javaExecutable) {
      this.javaExecutable = Objects.requireNonNull(javaExecutable, "javaExecutable");
      return this;
    }

    /**
     * Sets the workers' class path; by default this JVM's ({@code java.class.path}). It must hold this library
     * and its dependencies, and the classes of every task, argument and result.
     *
     * @param classpath the entries
     * @return this builder
     */
    public Builder classpath(List<Path> classpath) {
      this.classpath = List.copyOf(classpath);
      return this;
    }

    /**
     * Adds environment variables for the workers, on top of the environment they inherit from this process.
     *
     * @param environment names and values
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(new LinkedHashMap<>(environment));
      return this;
    }

    /**
     * Sets a hook that configures Kryo in this process and in every worker alike, for example to register
     * classes.
     *
     * @param kryoCustomizer the customizer, serializable
     * @return this builder
     */
    public Builder kryoCustomizer(KryoCustomizer kryoCustomizer) {
      this.kryoCustomizer = Objects.requireNonNull(kryoCustomizer, "kryoCustomizer");
      return this;
    }

    /**
     * Sets whether workers share class data through an archive, which makes them start faster; on by default. It
     * applies only when the class path is all jars: the first worker records an archive when it exits, and later
     * workers of any pool with the same launcher, options and jars start from it. Archives are kept in
     * {@code cds} under the directory named by the system property {@code pyfutures.cache.dir}, else
     * {@code $XDG_CACHE_HOME/pyfutures}, else {@code ~/.cache/pyfutures}.
     *
     * @param classDataSharing {@code false} to never read or write an archive
     * @return this builder
     */
    public Builder classDataSharing(boolean classDataSharing) {
      this.classDataSharing = classDataSharing;
      return this;
    }

    /**
     * Sets what happens when a worker process dies without being asked to: {@link OnWorkerDeath#BREAK_POOL} (the
     * default, Python's behaviour) or {@link OnWorkerDeath#REPLACE_WORKER}.
     *
     * @param onWorkerDeath the policy
     * @return this builder
     */
    public Builder onWorkerDeath(OnWorkerDeath onWorkerDeath) {
      this.onWorkerDeath = Objects.requireNonNull(onWorkerDeath, "onWorkerDeath");
      return this;
    }

    /**
     * Sets how long a task may run: a task that runs longer is stopped by killing its worker, which is replaced,
     * and its future fails with {@link TaskTimeoutException}. The clock starts when the task starts in its worker
     * (its frame written, and no earlier task ahead of it there); time queued in the pool does not count. A timeout never breaks the pool, whatever
     * {@link #onWorkerDeath} says. By default tasks may run for ever.
     *
     * @param taskTimeout positive
     * @return this builder
     * @throws IllegalArgumentException if {@code taskTimeout} is zero or negative
     */
    public Builder taskTimeout(Duration taskTimeout) {
      Objects.requireNonNull(taskTimeout, "taskTimeout");
      if (taskTimeout.isNegative() || taskTimeout.isZero()) {
        throw new IllegalArgumentException("taskTimeout must be positive, was " + taskTimeout);
      }
      this.taskTimeout = taskTimeout;
      return this;
    }

    /**
     * Sets the resident memory (RSS) above which a worker is retired after its current task and replaced, like
     * {@link #maxTasksPerChild}: a guard against tasks that leak. The worker measures itself after each task,
     * from {@code /proc} on Linux; elsewhere the option is accepted and has no effect.
     *
     * @param bytes positive
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is zero or negative
     */
    public Builder maxWorkerMemory(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxWorkerMemory must be positive, was " + bytes);
      }
      this.maxWorkerMemory = bytes;
      return this;
    }

    /**
     * Creates the pool. No worker starts until the first submission.
     *
     * @return a new pool
     * @throws IllegalArgumentException if the initializer or customizer cannot be serialized
     */
    public ProcessPoolExecutor build() {
      return new ProcessPoolExecutor(this);
    }
  }
}
