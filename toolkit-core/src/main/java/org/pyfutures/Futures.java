package org.pyfutures;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.pyfutures.internal.Durations;

/**
 * Waiting for several futures at once: Python's {@code wait} and {@code as_completed}.
 *
 * <p>Futures are compared by identity and duplicates count once. Unlike CPython, a cancelled future counts as
 * done at once, whether or not an executor has seen the cancellation, so waiting on it never hangs.
 *
 * <p>These methods wait without being interruptible; an interrupt that arrives while waiting is kept in the
 * thread's interrupt status.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to completing a future <i>happen-before</i> the
 * return of a {@code wait} that reports it in {@link DoneAndNotDone#done()}, and the yield of that future by an
 * {@code asCompleted} stream.
 */
public final class Futures {
  private Futures() {}

  /**
   * Waits until every future is done.
   *
   * @param fs the futures
   * @param <T> the result type
   * @return all of {@code fs} as done, none as not done
   */
  public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs) {
    return wait(fs, null, ReturnWhen.ALL_COMPLETED);
  }

  /**
   * Waits until the condition {@code when} holds or the timeout passes, and returns which futures are done. A
   * timeout is not an error: the partial answer is returned.
   *
   * @param fs the futures
   * @param timeout how long to wait, or {@code null} for no limit; zero or negative checks without waiting
   * @param when the condition to wait for
   * @param <T> the result type
   * @return the futures done when this method returned, and the rest
   * @throws NullPointerException if {@code fs}, an element of it, or {@code when} is null
   */
  public static <T> DoneAndNotDone<T> wait(
      Collection<? extends Future<T>> fs, Duration timeout, ReturnWhen when) {
    Objects.requireNonNull(when, "when");
    Set<Future<T>> all = distinct(fs);
    long deadline = timeout == null ? Long.MAX_VALUE : Durations.deadline(timeout);

    CompletionWaiter waiter = null;
    if (!satisfied(all, when)) {
      waiter = new CompletionWaiter(when, all.size());
      for (Future<T> f : all) {
        if (!f.addWaiter(waiter)) {
          waiter.onDone(f);
        }
      }
      waiter.await(timeout == null, deadline);
      for (Future<T> f : all) {
        f.removeWaiter(waiter);
      }
    }
    Set<Future<T>> done = new LinkedHashSet<>();
    Set<Future<T>> notDone = new LinkedHashSet<>();
    for (Future<T> f : all) {
      (f.isDone() ? done : notDone).add(f);
    }
    return new DoneAndNotDone<>(done, notDone);
  }

  /**
   * Returns the futures as they complete, with no time limit. See
   * {@link #asCompleted(Collection, Duration)}.
   *
   * @param fs the futures
   * @param <T> the result type
   * @return a sequential stream of the futures in completion order
   */
  public static <T> Stream<Future<T>> asCompleted(Collection<? extends Future<T>> fs) {
    return asCompleted(fs, (Duration) null, false);
  }

  /**
   * Returns the futures as they complete: those already done first, then each as it finishes or is
   * cancelled. The timeout counts from this call, as CPython documents.
   *
   * <p>When the stream must wait past the deadline it throws {@link UncheckedTimeoutException} with the message
   * {@code "N (of M) futures unfinished"}. Closing the stream releases its hold on the futures; the stream keeps
   * no reference to a future it has returned.
   *
   * @param fs the futures
   * @param timeout how long the whole iteration may take; zero or negative yields only what is already done
   * @param <T> the result type
   * @return a sequential stream of the futures in completion order
   * @throws NullPointerException if {@code fs}, an element of it, or {@code timeout} is null
   */
  public static <T> Stream<Future<T>> asCompleted(Collection<? extends Future<T>> fs, Duration timeout) {
    return asCompleted(fs, Objects.requireNonNull(timeout, "timeout"), true);
  }

  private static <T> Stream<Future<T>> asCompleted(
      Collection<? extends Future<T>> fs, Duration timeout, boolean timed) {
    Set<Future<T>> all = distinct(fs);
    long deadline = timed ? Durations.deadline(timeout) : Long.MAX_VALUE;
    CompletionQueue<T> queue = new CompletionQueue<>(all, timed, deadline);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                queue, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
            false)
        .onClose(queue::release);
  }

  /** Futures do not override {@code equals}, so a linked hash set de-duplicates by identity, in order. */
  private static <T> Set<Future<T>> distinct(Collection<? extends Future<T>> fs) {
    Objects.requireNonNull(fs, "fs");
    Set<Future<T>> all = new LinkedHashSet<>();
    for (Future<T> f : fs) {
      all.add(Objects.requireNonNull(f, "future"));
    }
    return all;
  }

  private static boolean satisfied(Set<? extends Future<?>> fs, ReturnWhen when) {
    int done = 0;
    for (Future<?> f : fs) {
      if (f.isDone()) {
        done++;
        if (when == ReturnWhen.FIRST_COMPLETED || (when == ReturnWhen.FIRST_EXCEPTION && failed(f))) {
          return true;
        }
      }
    }
    return done == fs.size();
  }

  static boolean failed(Future<?> f) {
    return f.isDone() && !f.isCancelled() && f.exception() != null;
  }

  /** Counts completions toward {@link ReturnWhen}; releases the waiting thread when the condition holds. */
  private static final class CompletionWaiter implements Future.Waiter {
    private final ReturnWhen when;
    private final AtomicInteger pending;
    private final CountDownLatch event = new CountDownLatch(1);

    CompletionWaiter(ReturnWhen when, int pending) {
      this.when = when;
      this.pending = new AtomicInteger(pending);
    }

    @Override
    public void onDone(Future<?> future) {
      boolean last = pending.decrementAndGet() == 0;
      if (last
          || when == ReturnWhen.FIRST_COMPLETED
          || (when == ReturnWhen.FIRST_EXCEPTION && failed(future))) {
        event.countDown();
      }
    }

    void await(boolean forever, long deadline) {
      boolean interrupted = false;
      try {
        for (; ; ) {
          try {
            if (forever) {
              event.await();
              return;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || event.await(remaining, TimeUnit.NANOSECONDS)) {
              return;
            }
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * The iterator behind {@link #asCompleted}. Each future enters {@link #completed} exactly once: at
   * construction if it is already done, otherwise from its waiter (or at registration, if it completed in
   * between), so the queue needs no de-duplication.
   */
  private static final class CompletionQueue<T> implements Iterator<Future<T>>, Future.Waiter {
    private final LinkedBlockingQueue<Future<T>> completed = new LinkedBlockingQueue<>();
    private final Set<Future<T>> unyielded = Collections.newSetFromMap(new IdentityHashMap<>());
    private final int total;
    private final boolean timed;
    private final long deadline;
    private Future<T> next;

    CompletionQueue(Set<Future<T>> all, boolean timed, long deadline) {
      this.total = all.size();
      this.timed = timed;
      this.deadline = deadline;
      unyielded.addAll(all);
      List<Future<T>> notDone = new ArrayList<>();
      for (Future<T> f : all) {
        (f.isDone() ? completed : notDone).add(f);
      }
      for (Future<T> f : notDone) {
        if (!f.addWaiter(this)) {
          completed.add(f);
        }
      }
    }

    @SuppressWarnings("unchecked")
    @Override
    public void onDone(Future<?> future) {
      completed.add((Future<T>) future);
    }

    @Override
    public boolean hasNext() {
      if (next == null && !unyielded.isEmpty()) {
        Future<T> f = completed.poll();
        next = f != null ? f : take();
        unyielded.remove(next);
      }
      return next != null;
    }

    @Override
    public Future<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Future<T> f = next;
      next = null;
      return f;
    }

    private Future<T> take() {
      boolean interrupted = false;
      try {
        for (; ; ) {
          try {
            if (!timed) {
              return completed.take();
            }
            long remaining = deadline - System.nanoTime();
            Future<T> f =
                remaining <= 0 ? completed.poll() : completed.poll(remaining, TimeUnit.NANOSECONDS);
            if (f != null) {
              return f;
            }
            int unfinished = unyielded.size();
            release();
            unyielded.clear();
            throw new UncheckedTimeoutException(unfinished + " (of " + total + ") futures unfinished");
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void release() {
      for (Future<T> f : unyielded) {
        f.removeWaiter(this);
      }
    }
  }
}
