package org.pyfutures.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.MapOptions;
import org.pyfutures.Task;
import org.pyfutures.TaskBiFunction;
import org.pyfutures.TaskFunction;

/**
 * The part of every pool that does not depend on how work runs: the submission shapes, {@code map},
 * {@code invokeAll}, {@code invokeAny} and {@code close}, all funnelled into {@link #submitTask(Task)}.
 */
public abstract class AbstractExecutor implements Executor {
  private static final System.Logger LOG = System.getLogger("org.pyfutures");

  private final StatsCounters counters = new StatsCounters();

  /** Creates an executor. */
  protected AbstractExecutor() {}

  /**
   * Schedules a task; the one method a pool must implement to run work.
   *
   * @param task the task, not null, already checked by {@link #checkCopyable(Task)}
   * @param <R> the result type
   * @return its future
   * @throws RejectedExecutionException if the pool is shut down or broken, or cannot copy the task
   */
  protected abstract <R> Future<R> submitTask(Task<R> task);

  /**
   * Returns whether this pool copies tasks across a boundary: if so, submitted objects must be
   * {@link Serializable} and {@code map} honours {@link MapOptions#chunksize()}.
   *
   * @return {@code true} for interpreter and process pools
   */
  protected boolean copiesTasks() {
    return false;
  }

  /**
   * Rejects, on a copying pool, a task whose class is not serializable.
   *
   * @param task the task
   * @throws RejectedExecutionException naming the class that cannot be copied
   */
  protected final void checkCopyable(Task<?> task) {
    Object user = Tasks.userObject(task);
    if (copiesTasks() && !(user instanceof Serializable)) {
      throw new RejectedExecutionException(
          "Task of "
              + user.getClass().getName()
              + " is not Serializable; this executor copies tasks across a boundary. Submit a Task,"
              + " TaskFunction or TaskBiFunction (a serializable lambda or method reference), or make the"
              + " class implement java.io.Serializable");
    }
  }

  /**
   * Returns the counters behind {@link #stats()}, for the pool to record completions, bytes and times; this class
   * counts submissions.
   *
   * @return this executor's counters
   */
  protected final StatsCounters counters() {
    return counters;
  }

  @Override
  public final org.pyfutures.ExecutorStats stats() {
    return counters.snapshot();
  }

  /**
   * Returns how many tasks this pool runs at once, for sizing {@code map} chunks automatically.
   *
   * @return the number of workers, at least 1
   */
  protected int parallelism() {
    return 1;
  }

  private <R> Future<R> checkedSubmit(Task<R> task) {
    checkCopyable(task);
    Future<R> future = submitTask(task);
    counters.submitted(StatsCounters.weight(task));
    return future;
  }

  @Override
  public final <R> Future<R> submit(Task<R> task) {
    return checkedSubmit(Objects.requireNonNull(task, "task"));
  }

  @Override
  public final <A, R> Future<R> submit(TaskFunction<? super A, ? extends R> fn, A arg) {
    return checkedSubmit(new Tasks.Apply<A, R>(Objects.requireNonNull(fn, "fn"), arg));
  }

  @Override
  public final <A, B, R> Future<R> submit(
      TaskBiFunction<? super A, ? super B, ? extends R> fn, A a, B b) {
    return checkedSubmit(new Tasks.ApplyBoth<A, B, R>(Objects.requireNonNull(fn, "fn"), a, b));
  }

  @Override
  public final <T> Future<T> submit(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return checkedSubmit(task instanceof Task<T> t ? t : new Tasks.OfCallable<>(task));
  }

  @Override
  public final Future<?> submit(Runnable task) {
    return submit(task, null);
  }

  @Override
  public final <T> Future<T> submit(Runnable task, T result) {
    return checkedSubmit(new Tasks.OfRunnable<>(Objects.requireNonNull(task, "task"), result));
  }

  /**
   * Runs the command. Its failure, if any, is kept in a future nobody holds, so it is also logged at
   * {@code WARNING} through the {@code org.pyfutures} {@link System.Logger}.
   */
  @Override
  public final void execute(Runnable command) {
    submit(command)
        .addDoneCallback(
            f -> {
              if (!f.isCancelled() && f.exception() != null) {
                LOG.log(System.Logger.Level.WARNING, "exception in a task given to execute()", f.exception());
              }
            });
  }

  @Override
  public final <A, R> Stream<R> map(
      TaskFunction<? super A, ? extends R> fn, Iterable<? extends A> args) {
    return map(fn, args, MapOptions.defaults());
  }

  @Override
  public final <A, R> Stream<R> map(
      TaskFunction<? super A, ? extends R> fn, Iterable<? extends A> args, MapOptions options) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(options, "options");
    long size = args instanceof Collection<?> known ? known.size() : -1;
    return new MapIterator<A, R>(this, fn, args.iterator(), options, copiesTasks(), size).stream();
  }

  @Override
  public final <A, B, R> Stream<R> map(
      TaskBiFunction<? super A, ? super B, ? extends R> fn,
      Iterable<? extends A> as,
      Iterable<? extends B> bs) {
    return map(fn, as, bs, MapOptions.defaults());
  }

  @Override
  public final <A, B, R> Stream<R> map(
      TaskBiFunction<? super A, ? super B, ? extends R> fn,
      Iterable<? extends A> as,
      Iterable<? extends B> bs,
      MapOptions options) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(as, "as");
    Objects.requireNonNull(bs, "bs");
    Iterable<Tasks.Pair<A, B>> pairs = () -> zip(as.iterator(), bs.iterator());
    return map(new Tasks.Unpair<A, B, R>(fn), pairs, options);
  }

  private static <A, B> Iterator<Tasks.Pair<A, B>> zip(
      Iterator<? extends A> as, Iterator<? extends B> bs) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return as.hasNext() && bs.hasNext();
      }

      @Override
      public Tasks.Pair<A, B> next() {
        return new Tasks.Pair<>(as.next(), bs.next());
      }
    };
  }

  @Override
  public final <T> List<java.util.concurrent.Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks) throws InterruptedException {
    return invokeAll(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
  }

  @Override
  public final <T> List<java.util.concurrent.Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    Objects.requireNonNull(unit, "unit");
    long deadline = Durations.deadline(timeout, unit);
    List<Future<T>> futures = submitAll(tasks);
    try {
      for (Future<T> f : futures) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          break;
        }
        try {
          f.get(remaining, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
          // Kept in the future.
        } catch (TimeoutException e) {
          break;
        }
      }
    } finally {
      // On timeout or interrupt, every returned future must be done: stop the running ones too.
      cancelAll(futures);
    }
    return new ArrayList<>(futures);
  }

  @Override
  public final <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    try {
      return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no timeout was set", e);
    }
  }

  @Override
  public final <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    Objects.requireNonNull(unit, "unit");
    long deadline = Durations.deadline(timeout, unit);
    if (Objects.requireNonNull(tasks, "tasks").isEmpty()) {
      throw new IllegalArgumentException("invokeAny needs at least one task");
    }
    LinkedBlockingQueue<Future<T>> completed = new LinkedBlockingQueue<>();
    List<Future<T>> futures = submitAll(tasks);
    try {
      futures.forEach(f -> f.addDoneCallback(completed::add));
      ExecutionException last = null;
      for (int i = 0; i < futures.size(); i++) {
        Future<T> f = completed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (f == null) {
          throw new TimeoutException("no task completed successfully within the timeout");
        }
        if (f.isCancelled()) {
          continue;
        }
        try {
          return f.get();
        } catch (ExecutionException e) {
          last = e;
        }
      }
      throw last != null ? last : new ExecutionException("every task was cancelled", null);
    } finally {
      cancelAll(futures);
    }
  }

  /** Cancels every future, stopping the running ones as {@code cancel(true)} does. */
  private static void cancelAll(List<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      f.cancel(true);
    }
  }

  private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
    Objects.requireNonNull(tasks, "tasks");
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    try {
      for (Callable<T> task : tasks) {
        futures.add(submit(task));
      }
    } catch (RuntimeException e) {
      cancelAll(futures);
      throw e;
    }
    return futures;
  }

  /** Equivalent to {@code shutdown(false, false)}: stops intake, does not wait. */
  @Override
  public final void shutdown() {
    shutdown(false, false);
  }

  @Override
  public final void close() {
    shutdown(true, false);
  }
}
