package org.pyfutures;

import com.google.common.util.concurrent.AbstractFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.UncheckedTimeoutException;
import com.google.common.util.concurrent.Uninterruptibles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.pyfutures.internal.Durations;
import org.pyfutures.internal.FutureControl;

/**
 * The result of an asynchronous computation, with the states and methods of Python's
 * {@code concurrent.futures.Future}, that is also a Guava {@link com.google.common.util.concurrent.ListenableFuture}
 * and hence a {@link java.util.concurrent.Future}.
 *
 * <p>A future moves through the {@linkplain Status states} {@code PENDING → RUNNING → FINISHED}, or is cancelled:
 * while still {@code PENDING}, or while {@code RUNNING} by {@code cancel(true)}. As in Python, {@link #cancel()} never cancels a future that is {@code RUNNING} or
 * {@code FINISHED}: it returns {@code false} and the work goes on. {@link #cancel(boolean) cancel(true)} is
 * Java's "may interrupt if running": on a {@code RUNNING} future whose executor can stop its task, it cancels the
 * future and stops the task (a thread or interpreter pool interrupts the task's thread; a process pool kills the
 * worker process and starts another). Executors create futures; users may create one too, and complete it with
 * {@link #setResult} or {@link #setException}, as in Python.
 *
 * <p><b>Waiting.</b> {@link #result()} and {@link #exception()} wait without being interruptible, like
 * {@link CompletableFuture#join()}: an interrupt that arrives while waiting is kept in the thread's interrupt
 * status. {@link #get()} keeps the interruptible {@code java.util.concurrent} contract with a checked
 * {@link ExecutionException}. A negative timeout is treated as zero: it checks without waiting.
 *
 * <p><b>Callbacks.</b> A callback added with {@link #addDoneCallback} runs once, in the thread that completes or
 * cancels the future, or at once in the calling thread if the future is already done. Callbacks run in the order
 * they were added. A callback that throws is logged (logger {@code org.pyfutures}) and does not disturb other
 * callbacks, the completing thread, or a pool.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to completing a future (by
 * {@link #setResult}, {@link #setException}, {@link #cancel()} or {@link #cancel(boolean)}) <i>happen-before</i> actions following a
 * successful return from {@link #result()}, {@link #exception()}, {@link #get()} or {@link #isDone()} returning
 * {@code true} in another thread, and actions in a done-callback.
 *
 * @param <T> the result type
 */
public class Future<T> extends AbstractFuture<T> {

  /** The states of a future, exactly Python's. */
  public enum Status {
    /** Not yet started; may be cancelled. */
    PENDING,
    /** Started by an executor; only {@link #cancel(boolean) cancel(true)} can still cancel it. */
    RUNNING,
    /** Cancelled before it started; the executor has not yet seen the cancellation. */
    CANCELLED,
    /**
     * Cancelled, and the executor has seen it: through {@link #setRunningOrNotifyCancel()}, or because
     * {@link #cancel(boolean) cancel(true)} stopped its running task.
     */
    CANCELLED_AND_NOTIFIED,
    /** Completed with a result or an exception. */
    FINISHED
  }

  private static final System.Logger LOG = System.getLogger("org.pyfutures");
  private static final Waiter[] NO_WAITERS = {};
  /** Marks {@link #waiters} once the future is done: no waiter may be added after that. */
  private static final Waiter[] DONE = {};
  private static final VarHandle STATUS;
  private static final VarHandle WAITERS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATUS = lookup.findVarHandle(Future.class, "status", Status.class);
      WAITERS = lookup.findVarHandle(Future.class, "waiters", Waiter[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Every transition is a compare-and-set on this field; the AbstractFuture is completed after it, by the
  // thread that won the transition, so at most one completion ever reaches it.
  private volatile Status status = Status.PENDING;
  // Copy-on-write array of the Futures.wait / asCompleted waiters; DONE once the future completed.
  private volatile Waiter[] waiters = NO_WAITERS;
  // Stops the running task for cancel(true): set before the future becomes RUNNING, cleared once it is done.
  private volatile Runnable stopper;

  static {
    FutureControl.install(Future::setRunningOrNotifyCancel);
  }

  /** Creates a pending future. */
  public Future() {}

  /**
   * Returns the current state.
   *
   * @return the state; a future seen {@code FINISHED} may need a moment before {@link #isDone()} agrees
   */
  public final Status status() {
    return status;
  }

  /**
   * Cancels this future if it has not started; with {@code mayInterruptIfRunning}, also if it is running and its
   * executor can stop the task. A running task is stopped as its executor does it: a thread or interpreter pool
   * interrupts the thread that runs it (the task stops when it reacts to the interrupt, its result is discarded,
   * and the interrupt never reaches the thread's next task); a process pool kills the worker process and starts a
   * replacement, without breaking the pool. A future nobody runs through an executor behaves as with
   * {@link #cancel()}.
   *
   * @param mayInterruptIfRunning whether to stop a running task
   * @return {@code true} if the future is cancelled (now or before), {@code false} if it finished, or runs and
   *     cannot be stopped (or {@code mayInterruptIfRunning} is false)
   */
  @Override
  public final boolean cancel(boolean mayInterruptIfRunning) {
    if (!mayInterruptIfRunning) {
      return cancel();
    }
    for (; ; ) {
      Status s = status;
      if (s != Status.RUNNING) {
        return cancel();
      }
      Runnable stop = stopper;
      if (stop == null) {
        return false;
      }
      // The executor learns of it through the stopper, hence "notified".
      if (STATUS.compareAndSet(this, Status.RUNNING, Status.CANCELLED_AND_NOTIFIED)) {
        stopper = null;
        // Stop before completing, as FutureTask interrupts before it completes: a callback that waits for the
        // task to end (one closing the pool, say) must not run before the task is told to stop.
        try {
          stop.run();
        } catch (Throwable t) {
          LOG.log(System.Logger.Level.ERROR, "exception stopping the task of " + this, t);
        }
        super.cancel(false);
        return true;
      }
    }
  }

  /**
   * Cancels this future if it is still {@code PENDING}; wakes every thread waiting for it and runs its
   * callbacks in the calling thread.
   *
   * @return {@code true} if the future is cancelled (now or before), {@code false} if it is running or finished
   */
  public final boolean cancel() {
    for (; ; ) {
      Status s = status;
      switch (s) {
        case CANCELLED, CANCELLED_AND_NOTIFIED -> {
          return true;
        }
        case PENDING -> {
          if (STATUS.compareAndSet(this, Status.PENDING, Status.CANCELLED)) {
            super.cancel(false);
            return true;
          }
        }
        default -> {
          return false;
        }
      }
    }
  }

  /**
   * Returns whether this future was cancelled.
   *
   * @return {@code true} in state {@code CANCELLED} or {@code CANCELLED_AND_NOTIFIED}
   */
  @Override
  public final boolean isCancelled() {
    Status s = status;
    return s == Status.CANCELLED || s == Status.CANCELLED_AND_NOTIFIED;
  }

  /**
   * Returns whether this future is running: started, and not yet finished.
   *
   * @return {@code true} in state {@code RUNNING}
   */
  public final boolean isRunning() {
    return status == Status.RUNNING;
  }

  /**
   * Waits for the result and returns it.
   *
   * @return the result
   * @throws CancellationException if the future was cancelled
   * @throws RuntimeException the task's own exception, if it is unchecked
   * @throws Error the task's own error
   * @throws CompletionException wrapping the task's checked exception
   */
  public final T result() {
    return resultOrThrow(-1);
  }

  /**
   * Waits at most {@code timeout} for the result and returns it.
   *
   * @param timeout how long to wait; zero or negative checks without waiting
   * @return the result
   * @throws UncheckedTimeoutException if the future is not done in time
   * @throws CancellationException if the future was cancelled
   * @throws RuntimeException the task's own exception, if it is unchecked
   * @throws Error the task's own error
   * @throws CompletionException wrapping the task's checked exception
   */
  public final T result(Duration timeout) {
    return resultOrThrow(Durations.toNanos(timeout));
  }

  /**
   * Waits for this future and returns the exception it completed with.
   *
   * @return the task's exception as thrown (checked exceptions are not wrapped), or {@code null} on success
   * @throws CancellationException if the future was cancelled
   */
  public final Throwable exception() {
    return exceptionOrNull(-1);
  }

  /**
   * Waits at most {@code timeout} for this future and returns the exception it completed with.
   *
   * @param timeout how long to wait; zero or negative checks without waiting
   * @return the task's exception as thrown, or {@code null} on success
   * @throws UncheckedTimeoutException if the future is not done in time
   * @throws CancellationException if the future was cancelled
   */
  public final Throwable exception(Duration timeout) {
    return exceptionOrNull(Durations.toNanos(timeout));
  }

  /**
   * Adds a callback that receives this future once it is done (finished or cancelled). It runs in the thread
   * that completes the future, or at once in this thread if the future is already done. A callback that throws
   * is logged and otherwise ignored.
   *
   * @param callback the callback
   * @throws NullPointerException if {@code callback} is null
   */
  public final void addDoneCallback(Consumer<? super Future<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    addListener(() -> invokeCallback(callback), MoreExecutors.directExecutor());
  }

  /**
   * Marks this future as running, or acknowledges its cancellation; executors call this just before running the
   * task (Python's {@code set_running_or_notify_cancel}).
   *
   * @return {@code true} if the future moved from {@code PENDING} to {@code RUNNING} and the task must run;
   *     {@code false} if it was cancelled (it moves to {@code CANCELLED_AND_NOTIFIED}) and the task must not run
   * @throws IllegalStateException if the future is already running, finished, or notified of its cancellation
   */
  public final boolean setRunningOrNotifyCancel() {
    return setRunningOrNotifyCancel(null);
  }

  /** As {@link #setRunningOrNotifyCancel()}; {@code stopper}, if not null, stops the task for {@code cancel(true)}. */
  private boolean setRunningOrNotifyCancel(Runnable stopper) {
    for (; ; ) {
      Status s = status;
      if (s == Status.PENDING) {
        this.stopper = stopper;
        if (STATUS.compareAndSet(this, Status.PENDING, Status.RUNNING)) {
          return true;
        }
        this.stopper = null;
      } else if (s == Status.CANCELLED) {
        if (STATUS.compareAndSet(this, Status.CANCELLED, Status.CANCELLED_AND_NOTIFIED)) {
          return false;
        }
      } else {
        LOG.log(System.Logger.Level.ERROR, "Future {0} in unexpected state: {1}", this, s);
        throw new IllegalStateException("Future in unexpected state: " + s);
      }
    }
  }

  /**
   * Completes this future with a result, wakes its waiters and runs its callbacks in this thread.
   *
   * @param value the result, possibly {@code null}
   * @throws InvalidStateException if the future is already done
   */
  public final void setResult(T value) {
    markFinished();
    super.set(value);
  }

  /**
   * Completes this future with an exception, wakes its waiters and runs its callbacks in this thread.
   *
   * @param exception the exception
   * @return always {@code true}, as {@link AbstractFuture#setException} does on success
   * @throws InvalidStateException if the future is already done
   * @throws NullPointerException if {@code exception} is null
   */
  @Override
  public final boolean setException(Throwable exception) {
    Objects.requireNonNull(exception, "exception");
    markFinished();
    return super.setException(exception);
  }

  /**
   * Registers a listener, as {@link com.google.common.util.concurrent.ListenableFuture#addListener} does. Anything
   * a listener run directly by {@code executor} throws, even an {@link Error}, is logged through the
   * {@code org.pyfutures} {@link System.Logger} and reaches neither the thread that completes this future (an
   * executor's worker) nor the listeners registered after it.
   *
   * @param listener the listener
   * @param executor where the listener runs
   * @throws NullPointerException if either argument is null
   */
  @Override
  public final void addListener(Runnable listener, java.util.concurrent.Executor executor) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(executor, "executor");
    super.addListener(
        listener,
        command -> {
          try {
            executor.execute(command);
          } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "exception running a listener of " + this, t);
          }
        });
  }

  /**
   * Returns a {@link CompletableFuture} completed the same way as this future. Cancelling the returned future
   * cancels this one if it has not started.
   *
   * @return a new completable future that follows this one
   */
  public final CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> bridge = new CompletableFuture<>();
    addListener(
        () -> {
          if (isCancelled()) {
            bridge.cancel(false);
            return;
          }
          try {
            bridge.complete(Uninterruptibles.getUninterruptibly(this));
          } catch (ExecutionException e) {
            bridge.completeExceptionally(e.getCause());
          }
        },
        MoreExecutors.directExecutor());
    bridge.whenComplete(
        (value, failure) -> {
          if (bridge.isCancelled()) {
            cancel();
          }
        });
    return bridge;
  }

  /**
   * Describes the state, in the manner of Python's {@code repr}: {@code Future[state=pending]},
   * {@code Future[state=finished returned Integer]}, {@code Future[state=finished raised IOException]}.
   */
  @Override
  public String toString() {
    Status s = status;
    String name = s == Status.CANCELLED_AND_NOTIFIED ? "cancelled" : s.name().toLowerCase();
    if (s != Status.FINISHED || !super.isDone()) {
      return "Future[state=" + name + "]";
    }
    try {
      T value = Uninterruptibles.getUninterruptibly(this);
      return "Future[state=finished returned "
          + (value == null ? "null" : value.getClass().getSimpleName())
          + "]";
    } catch (ExecutionException e) {
      return "Future[state=finished raised " + e.getCause().getClass().getSimpleName() + "]";
    }
  }

  // --- waiting ----------------------------------------------------------------------------------

  /** Something waiting for several futures at once: {@link Futures#wait} and {@link Futures#asCompleted}. */
  interface Waiter {
    /** Called once, from the completing thread, after the future is done. */
    void onDone(Future<?> future);
  }

  /**
   * Adds a waiter, unless this future is already done.
   *
   * @return {@code false} if the future is already done and the waiter was not added
   */
  final boolean addWaiter(Waiter waiter) {
    for (; ; ) {
      Waiter[] current = waiters;
      if (current == DONE) {
        return false;
      }
      Waiter[] next = java.util.Arrays.copyOf(current, current.length + 1);
      next[current.length] = waiter;
      if (WAITERS.compareAndSet(this, current, next)) {
        return true;
      }
    }
  }

  final void removeWaiter(Waiter waiter) {
    for (; ; ) {
      Waiter[] current = waiters;
      int index = -1;
      for (int i = 0; i < current.length; i++) {
        if (current[i] == waiter) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        return;
      }
      Waiter[] next = new Waiter[current.length - 1];
      System.arraycopy(current, 0, next, 0, index);
      System.arraycopy(current, index + 1, next, index, next.length - index);
      if (WAITERS.compareAndSet(this, current, next.length == 0 ? NO_WAITERS : next)) {
        return;
      }
    }
  }

  /** Called by {@link AbstractFuture} once the outcome is visible to {@code get}; releases our waiters. */
  @Override
  protected final void afterDone() {
    Waiter[] toNotify = (Waiter[]) WAITERS.getAndSet(this, DONE);
    for (Waiter waiter : toNotify) {
      waiter.onDone(this);
    }
  }

  // --- internals ---------------------------------------------------------------------------------

  private void markFinished() {
    for (; ; ) {
      Status s = status;
      if (s != Status.PENDING && s != Status.RUNNING) {
        throw new InvalidStateException(s + ": " + this);
      }
      if (STATUS.compareAndSet(this, s, Status.FINISHED)) {
        stopper = null;
        return;
      }
    }
  }

  /** Waits until done and returns the value; {@code nanos < 0} waits forever. */
  private T awaitValue(long nanos) throws ExecutionException {
    if (nanos < 0) {
      return Uninterruptibles.getUninterruptibly(this);
    }
    try {
      return Uninterruptibles.getUninterruptibly(this, nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new UncheckedTimeoutException("Future not done within the timeout: " + this);
    }
  }

  private T resultOrThrow(long nanos) {
    try {
      return awaitValue(nanos);
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  private Throwable exceptionOrNull(long nanos) {
    try {
      awaitValue(nanos);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** The task's exception as {@link #result()} throws it: unchecked as is, checked wrapped. */
  static RuntimeException rethrowable(Throwable cause) {
    if (cause instanceof RuntimeException unchecked) {
      return unchecked;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new CompletionException(cause);
  }

  private void invokeCallback(Consumer<? super Future<T>> callback) {
    try {
      callback.accept(this);
    } catch (Throwable t) {
      LOG.log(System.Logger.Level.ERROR, "exception calling callback for " + this, t);
    }
  }
}
