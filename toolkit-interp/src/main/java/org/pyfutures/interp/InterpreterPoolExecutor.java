package org.pyfutures.interp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pyfutures.BrokenInterpreterPoolException;
import org.pyfutures.Initializer;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.interp.internal.InterpreterContexts;

/**
 * An {@link org.pyfutures.Executor} that runs each task in an isolated "interpreter": a class loader of its own
 * over the application class path, so that every application class has its own static fields and its own
 * {@code static synchronized} locks in each interpreter (Python's {@code InterpreterPoolExecutor}). Code that
 * serialises every thread on static state runs in parallel, one copy per interpreter, with no process to start
 * and no pipe to cross.
 *
 * <p>This is a {@link ThreadPoolExecutor} whose every worker thread owns one interpreter, created when the thread
 * starts and used for all its tasks, one at a time: thread start, reuse, naming ({@code prefix_N}, default prefix
 * {@code InterpreterPoolExecutor-K}), shutdown and cancellation behave as in the thread pool ({@code cancel(true)}
 * interrupts the thread running the task).
 *
 * <p><b>Isolation.</b> An interpreter loads classes child-first from its {@linkplain Builder#classpath class
 * path}, the JDK from the JDK, and only these from the host: the library's own packages {@code org.pyfutures} and
 * {@code org.pyfutures.internal} (not their subpackages), the two Guava types its API exposes
 * ({@code ListenableFuture} and {@code UncheckedTimeoutException}), the shaded Kryo it uses, and the
 * {@linkplain Builder#sharedPackages shared packages} named by the user. A class missing from its class path is
 * never taken from the host. Each class loaded in an interpreter is initialized there, once. Interpreters are
 * numbered from 1 in each JVM, and interpreter {@code N}'s loader is named {@code interpreter-N}, as stack traces
 * show. State the JDK keeps per JVM (system properties, {@code System.out}, other threads) remains shared, as
 * CPython's sub-interpreters share their process.
 *
 * <p><b>Copying.</b> A task, its arguments and its result are copied across the boundary with Kryo, configured
 * like pickle; nothing mutable is shared. The task is copied to bytes in the submitting thread, so one that
 * cannot be copied is rejected by {@code submit}; each interpreter reads its own copy. Serializable lambdas and
 * method references run inside an interpreter with no JVM flags. An exception thrown by a task comes back as the
 * host's own class, with its message, its stack as it was inside, and a {@link org.pyfutures.RemoteTraceback}
 * naming the interpreter as a suppressed exception; one that cannot be copied back comes as an
 * {@link org.pyfutures.ExecutionFailedException}. A class missing on the reading side fails the task with a
 * {@link TypeNotPresentException} naming it. While a task runs, the thread's context class loader is its
 * interpreter's loader (so {@link java.util.ServiceLoader} and similar find the interpreter's classes); it is
 * restored afterwards.
 *
 * <pre>{@code
 * try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(2)) {
 *   // Legacy.crunch is static synchronized: on threads the calls would take turns.
 *   List<Long> sums = pool.map(Legacy::crunch, inputs).toList();
 * }
 * }</pre>
 *
 * <p>An {@linkplain Builder#initializer initializer} runs inside each interpreter before its first task. If it
 * throws, the pool is broken: queued futures fail, and later submissions are rejected, with
 * {@link BrokenInterpreterPoolException}.
 *
 * <p>When the pool terminates, each worker drops its interpreter's Kryo and closes its loader, so that the
 * interpreter's classes can be unloaded once nothing else refers to them. Code inside an interpreter that leaves
 * threads running or registers its classes with JDK-wide registries keeps them loaded.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to submitting a task <i>happen-before</i> the
 * task begins in its interpreter, and actions of the task <i>happen-before</i> the result is retrieved through
 * its future. Termination, as observed by {@link #awaitTermination} or {@code shutdown(true, ...)},
 * <i>happens-after</i> every task has completed and every interpreter has been closed.
 */
public class InterpreterPoolExecutor extends ThreadPoolExecutor {

  /** Creates a pool with the default number of workers, {@link ThreadPoolExecutor#defaultMaxWorkers()}. */
  public InterpreterPoolExecutor() {
    this(builder());
  }

  /**
   * Creates a pool of at most {@code maxWorkers} interpreters.
   *
   * @param maxWorkers the most interpreters (and threads) to start, at least 1
   * @throws IllegalArgumentException if {@code maxWorkers < 1}
   */
  public InterpreterPoolExecutor(int maxWorkers) {
    this(builder().maxWorkers(maxWorkers));
  }

  private InterpreterPoolExecutor(Builder builder) {
    super(
        builder.maxWorkersSetting(),
        builder.threadNamePrefixSetting() != null
            ? builder.threadNamePrefixSetting()
            : defaultThreadNamePrefix("InterpreterPoolExecutor"),
        builder.virtualThreadsSetting(),
        new InterpreterContexts(
            builder.classpath != null ? builder.classpath : InterpreterContexts.applicationClassPath(),
            builder.sharedPackages,
            builder.initializerSetting()));
  }

  /**
   * Returns a builder with the defaults: {@link ThreadPoolExecutor#defaultMaxWorkers()} interpreters, the default
   * name prefix, no initializer, the application class path ({@code java.class.path}) and no shared packages
   * beyond the library's own.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code true}: tasks are copied into interpreters, so they must be serializable. */
  @Override
  protected boolean copiesTasks() {
    return true;
  }

  /** Configures an {@link InterpreterPoolExecutor}. Not thread-safe. */
  public static final class Builder extends ThreadPoolExecutor.Builder {
    private List<Path> classpath;
    private final List<String> sharedPackages = new ArrayList<>();

    private Builder() {}

    // The enclosing class reads the inherited settings through these; protected access stops at this class.
    private int maxWorkersSetting() {
      return configuredMaxWorkers();
    }

    private String threadNamePrefixSetting() {
      return configuredThreadNamePrefix();
    }

    private boolean virtualThreadsSetting() {
      return configuredVirtualThreads();
    }

    private Initializer initializerSetting() {
      return configuredInitializer();
    }

    /**
     * Sets the most interpreters, each with its own thread, the pool starts.
     *
     * @param maxWorkers at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxWorkers < 1}
     */
    @Override
    public Builder maxWorkers(int maxWorkers) {
      super.maxWorkers(maxWorkers);
      return this;
    }

    /**
     * Sets the prefix of worker thread names; threads are named {@code prefix_0}, {@code prefix_1}, ...
     *
     * @param threadNamePrefix the prefix
     * @return this builder
     */
    @Override
    public Builder threadNamePrefix(String threadNamePrefix) {
      super.threadNamePrefix(threadNamePrefix);
      return this;
    }

    /**
     * Sets code to run inside each interpreter before its first task; it is copied into each interpreter. If it
     * throws, the pool is broken.
     *
     * @param initializer the initializer; what it captures must be copyable
     * @return this builder
     */
    @Override
    public Builder initializer(Initializer initializer) {
      super.initializer(initializer);
      return this;
    }

    /**
     * Sets whether each interpreter's worker is a virtual thread.
     *
     * @param virtualThreads {@code true} for virtual threads
     * @return this builder
     */
    @Override
    public Builder virtualThreads(boolean virtualThreads) {
      super.virtualThreads(virtualThreads);
      return this;
    }

    /**
     * Sets the class path of every interpreter: directories and jars, whose manifest {@code Class-Path} entries
     * are followed. The library and Kryo need not be on it; every class a task uses otherwise must be.
     *
     * @param classpath the entries, in lookup order
     * @return this builder
     */
    public Builder classpath(List<Path> classpath) {
      this.classpath = List.copyOf(classpath);
      return this;
    }

    /**
     * Adds packages whose classes every interpreter takes from the host instead of loading its own copies, each
     * with all its subpackages: types shared with host code, such as an API the host implements. Their statics
     * and locks are then shared too.
     *
     * @param packageNames package names, such as {@code "com.example.api"}
     * @return this builder
     * @throws IllegalArgumentException if a name is not a package name (checked by {@link #build()})
     */
    public Builder sharedPackages(String... packageNames) {
      for (String name : packageNames) {
        sharedPackages.add(Objects.requireNonNull(name, "package name"));
      }
      return this;
    }

    /**
     * Creates the pool. No interpreter starts until the first submission.
     *
     * @return a new pool
     * @throws IllegalArgumentException if a class path entry or package name is invalid, or the initializer
     *     cannot be copied
     */
    @Override
    public InterpreterPoolExecutor build() {
      return new InterpreterPoolExecutor(this);
    }
  }
}
