package org.pyfutures.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pyfutures.Task;
import org.pyfutures.TaskBiFunction;
import org.pyfutures.TaskFunction;

/** The serializable adapters that turn every submission shape into a {@link Task}. */
public final class Tasks {
  private Tasks() {}

  /**
   * {@code fn(arg)} as a task.
   *
   * @param fn the function
   * @param arg its argument
   * @param <A> the argument type
   * @param <R> the result type
   */
  public record Apply<A, R>(TaskFunction<? super A, ? extends R> fn, A arg) implements Task<R> {
    @Override
    public R call() throws Exception {
      return fn.apply(arg);
    }
  }

  /**
   * {@code fn(a, b)} as a task.
   *
   * @param fn the function
   * @param a the first argument
   * @param b the second argument
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   */
  public record ApplyBoth<A, B, R>(TaskBiFunction<? super A, ? super B, ? extends R> fn, A a, B b)
      implements Task<R> {
    @Override
    public R call() throws Exception {
      return fn.apply(a, b);
    }
  }

  /**
   * A {@link Callable} that is not a {@link Task}, as a task; serializable only if the callable is.
   *
   * @param callable the callable
   * @param <R> the result type
   */
  public record OfCallable<R>(Callable<R> callable) implements Task<R> {
    @Override
    public R call() throws Exception {
      return callable.call();
    }
  }

  /**
   * A {@link Runnable} with a fixed result, as a task; serializable only if the runnable is.
   *
   * @param runnable the runnable
   * @param result the result
   * @param <R> the result type
   */
  public record OfRunnable<R>(Runnable runnable, R result) implements Task<R> {
    @Override
    public R call() {
      runnable.run();
      return result;
    }
  }

  /**
   * A chunk of {@code map} elements run as one task: on copying pools it crosses the boundary once.
   *
   * @param fn the function
   * @param args the chunk's elements
   * @param <A> the argument type
   * @param <R> the result type
   */
  public record Chunk<A, R>(TaskFunction<? super A, ? extends R> fn, List<A> args)
      implements Task<List<R>> {
    @Override
    public List<R> call() throws Exception {
      List<R> results = new ArrayList<>(args.size());
      for (A arg : args) {
        results.add(fn.apply(arg));
      }
      return results;
    }
  }

  /**
   * Two values zipped by {@code map} over two inputs.
   *
   * @param a the first value
   * @param b the second value
   * @param <A> the first type
   * @param <B> the second type
   */
  public record Pair<A, B>(A a, B b) implements Serializable {}

  /**
   * A two-argument function applied to a {@link Pair}.
   *
   * @param fn the function
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   */
  public record Unpair<A, B, R>(TaskBiFunction<? super A, ? super B, ? extends R> fn)
      implements TaskFunction<Pair<A, B>, R> {
    @Override
    public R apply(Pair<A, B> pair) throws Exception {
      return fn.apply(pair.a(), pair.b());
    }
  }

  /**
   * Returns what a copying pool sends for a task: the task itself, except that a runnable's fixed result stays
   * with the caller (see {@link #keepsResult}). The result never needs to cross, and may not be serializable.
   *
   * @param task a task
   * @param <R> the result type
   * @return the task to copy
   */
  public static <R> Task<R> toSend(Task<R> task) {
    return keepsResult(task) ? new OfRunnable<>(((OfRunnable<R>) task).runnable(), null) : task;
  }

  /**
   * Returns whether a copying pool completes this task's future with the caller's own result object
   * ({@link OfRunnable#result()}) rather than with what the worker sent back.
   *
   * @param task a task
   * @return {@code true} for a runnable submitted with a non-null result
   */
  public static boolean keepsResult(Task<?> task) {
    return task instanceof OfRunnable<?> r && r.result() != null;
  }

  /**
   * Returns the object whose class decides whether a task can be copied: the callable or runnable inside an
   * adapter, else the task itself.
   *
   * @param task a task
   * @return the user's object
   */
  public static Object userObject(Task<?> task) {
    if (task instanceof OfCallable<?> c) {
      return c.callable();
    }
    if (task instanceof OfRunnable<?> r) {
      return r.runnable();
    }
    return task;
  }
}
