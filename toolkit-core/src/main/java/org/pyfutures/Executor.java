package org.pyfutures;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

/**
 * An executor in the manner of Python's {@code concurrent.futures.Executor}: submit work, get a {@link Future};
 * map a function over inputs, get results in input order. Every pyfutures pool — threads, interpreters,
 * processes — implements it, so the same task runs on each.
 *
 * <p>It is an {@link ExecutorService}: {@link #submit(Callable)}, {@link #submit(Runnable)} and
 * {@link #execute(Runnable)} return or create the same {@link Future}, {@link #shutdown()} stops intake without
 * waiting, {@link #close()} is {@code shutdown(true, false)} (Python's {@code with} block) and
 * {@link #shutdownNow()} also cancels pending work and stops running work, whose futures end cancelled.
 *
 * <p>{@link #invokeAll} and {@link #invokeAny} cancel, on timeout, interrupt or return, every task not yet done,
 * with {@link Future#cancel(boolean) cancel(true)}: a task that has not started never starts, and a running one
 * is stopped and its future cancelled. So, as the {@code ExecutorService} contract says, every future a timed-out
 * {@code invokeAll} returns is done. {@code invokeAll} of no tasks returns an empty list; {@code invokeAny} of
 * none throws {@link IllegalArgumentException}.
 *
 * <p>After shutdown, {@code submit} and {@code map} throw {@link RejectedExecutionException}; a broken pool
 * throws its {@link BrokenExecutorException} subclass. A pool that copies tasks rejects, at submission, a task
 * that cannot be copied, naming its class.
 *
 * <p><b>On pools that copy tasks</b> (interpreters, processes), {@code submit(Runnable, result)} copies only the
 * runnable: its future completes with the caller's own {@code result} object, which never crosses and need not be
 * serializable. What cannot work there is anything that hands the pool a task object it did not get from the
 * caller's code: {@link java.util.concurrent.ExecutorCompletionService} wraps each task in a
 * {@link java.util.concurrent.FutureTask}, which is not serializable and is rejected; use
 * {@link Futures#asCompleted} on the futures instead. Likewise a task submitted to a copying pool runs on a copy,
 * so results must come back through its future, not through objects it mutates.
 *
 * <p><b>JVM exit.</b> A pool that is never closed does not keep the JVM from exiting: its threads are daemons.
 * When the JVM exits (its last non-daemon thread ends, or {@code System.exit} is called), every pool still open is
 * shut down and the work already submitted to it finishes first, as at CPython's interpreter exit; then the JVM
 * exits. A pool one of whose own threads called {@code System.exit} is not waited for, since it cannot finish. A
 * pool that became unreachable before that is shut down by a cleaner and likewise finishes its queued work.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to submitting a task <i>happen-before</i> the
 * task begins, and the task's actions <i>happen-before</i> the result is retrieved from its future. For pools
 * that copy the task, that is the only relation: the task sees a copy of its arguments, not the originals.
 */
public interface Executor extends ExecutorService {

  /**
   * Submits a task.
   *
   * @param task the task
   * @param <R> the result type
   * @return a future for the task's result
   * @throws RejectedExecutionException if the pool is shut down, broken, or cannot copy the task
   * @throws NullPointerException if {@code task} is null
   */
  <R> Future<R> submit(Task<R> task);

  /**
   * Submits {@code fn(arg)}.
   *
   * @param fn the function
   * @param arg its argument
   * @param <A> the argument type
   * @param <R> the result type
   * @return a future for the result
   * @throws RejectedExecutionException if the pool is shut down, broken, or cannot copy the function
   * @throws NullPointerException if {@code fn} is null
   */
  <A, R> Future<R> submit(TaskFunction<? super A, ? extends R> fn, A arg);

  /**
   * Submits {@code fn(a, b)}.
   *
   * @param fn the function
   * @param a its first argument
   * @param b its second argument
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return a future for the result
   * @throws RejectedExecutionException if the pool is shut down, broken, or cannot copy the function
   * @throws NullPointerException if {@code fn} is null
   */
  <A, B, R> Future<R> submit(TaskBiFunction<? super A, ? super B, ? extends R> fn, A a, B b);

  /**
   * Returns a future for a {@link Callable}; a {@link Task} is submitted as is.
   *
   * @throws RejectedExecutionException if the pool is shut down or broken, or if it copies tasks and the
   *     callable is not serializable
   */
  @Override
  <T> Future<T> submit(Callable<T> task);

  /**
   * Returns a future for a {@link Runnable}, whose result is {@code null}.
   *
   * @throws RejectedExecutionException if the pool is shut down or broken, or if it copies tasks and the
   *     runnable is not serializable
   */
  @Override
  Future<?> submit(Runnable task);

  /**
   * Returns a future for a {@link Runnable}, whose result is {@code result}.
   *
   * @throws RejectedExecutionException if the pool is shut down or broken, or if it copies tasks and the
   *     runnable is not serializable
   */
  @Override
  <T> Future<T> submit(Runnable task, T result);

  /**
   * Applies {@code fn} to every element, concurrently, and returns the results in input order, with the
   * {@linkplain MapOptions#defaults() default options}: every element is submitted before this method returns.
   *
   * @param fn the function
   * @param args the inputs
   * @param <A> the argument type
   * @param <R> the result type
   * @return the results, in input order; see {@link #map(TaskFunction, Iterable, MapOptions)}
   */
  <A, R> Stream<R> map(TaskFunction<? super A, ? extends R> fn, Iterable<? extends A> args);

  /**
   * Applies {@code fn} to every element, concurrently, and returns the results in input order.
   *
   * <p>Without a buffersize, every element is submitted (in chunks of {@code chunksize} on copying pools) before
   * this method returns, and the tasks run whether or not the stream is consumed. With a buffersize, that many
   * tasks are submitted now and one more each time the stream advances, so an infinite input works.
   *
   * <p>Consuming the stream waits for each result in turn; a task's exception is thrown as
   * {@link Future#result()} throws it, and exceeding the timeout throws
   * {@link com.google.common.util.concurrent.UncheckedTimeoutException}. Either one, or closing the stream,
   * cancels every task not yet started. Tasks already running finish.
   *
   * <p><b>Memory consistency effects:</b> actions in the calling thread prior to {@code map} (and, for inputs
   * drawn lazily with a buffersize, prior to advancing the stream) <i>happen-before</i> {@code fn} is applied to
   * an element, and each application <i>happens-before</i> the stream yields its result.
   *
   * @param fn the function
   * @param args the inputs
   * @param options timeout, chunksize and buffersize
   * @param <A> the argument type
   * @param <R> the result type
   * @return a sequential stream of the results, in input order
   * @throws RejectedExecutionException if the pool is shut down, broken, or cannot copy the function
   */
  <A, R> Stream<R> map(
      TaskFunction<? super A, ? extends R> fn, Iterable<? extends A> args, MapOptions options);

  /**
   * Applies {@code fn} to pairs drawn from both inputs in step, stopping at the shorter one, with the default
   * options.
   *
   * @param fn the function
   * @param as the first inputs
   * @param bs the second inputs
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws RejectedExecutionException if the pool is shut down, broken, or cannot copy the function
   */
  <A, B, R> Stream<R> map(
      TaskBiFunction<? super A, ? super B, ? extends R> fn,
      Iterable<? extends A> as,
      Iterable<? extends B> bs);

  /**
   * Applies {@code fn} to pairs drawn from both inputs in step, stopping at the shorter one.
   *
   * @param fn the function
   * @param as the first inputs
   * @param bs the second inputs
   * @param options timeout, chunksize and buffersize
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws RejectedExecutionException if the pool is shut down, broken, or cannot copy the function
   */
  <A, B, R> Stream<R> map(
      TaskBiFunction<? super A, ? super B, ? extends R> fn,
      Iterable<? extends A> as,
      Iterable<? extends B> bs,
      MapOptions options);

  /**
   * Stops accepting work (Python's {@code shutdown}). Safe to call more than once.
   *
   * @param wait whether to wait until every accepted task is done and the pool's threads or processes have
   *     ended; if the caller is interrupted while waiting, running work is stopped as by {@link #shutdownNow()}
   *     and the wait goes on, after which the interrupt status is restored. A call from the pool's own work (a
   *     task, or a done-callback run while the pool cancels futures in a shutdown) does not wait: the pool cannot
   *     terminate before that call returns
   * @param cancelFutures whether to cancel every task that has not started; running tasks finish either way
   */
  void shutdown(boolean wait, boolean cancelFutures);

  /** Equivalent to {@code shutdown(true, false)}: waits for every accepted task. */
  @Override
  void close();

  /**
   * Returns what running work on this executor has cost so far: tasks submitted and completed, bytes copied each
   * way, time spent copying and time spent in task bodies. Always on; exact once the pool is closed.
   *
   * @return a snapshot of the counters
   */
  ExecutorStats stats();
}
