package org.pyfutures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.contract.Fixtures;

/** {@link Futures} on futures completed by hand, without an executor. */
@Timeout(30)
class FuturesTest {

  @Test
  void nullInputsAreRejectedAtTheCall() {
    assertThrows(NullPointerException.class, () -> Futures.wait(null));
    assertThrows(NullPointerException.class, () -> Futures.wait(Arrays.asList(new Future<Integer>(), null)));
    assertThrows(NullPointerException.class, () -> Futures.wait(List.<Future<Integer>>of(), null, null));
    assertThrows(NullPointerException.class, () -> Futures.asCompleted(null));
    assertThrows(NullPointerException.class, () -> Futures.asCompleted(List.<Future<Integer>>of(), null));
  }

  @Test
  void waitOnNothingReturnsAtOnce() {
    DoneAndNotDone<Integer> r = Futures.wait(List.of(), null, ReturnWhen.FIRST_COMPLETED);
    assertTrue(r.done().isEmpty());
    assertTrue(r.notDone().isEmpty());
  }

  @Test
  void waitWakesWhenAnotherThreadCompletesAFuture() throws Exception {
    Future<Integer> a = new Future<>();
    Future<Integer> b = new Future<>();
    Thread completer = completeOnceBlocked(Thread.currentThread(), () -> b.setResult(2));
    DoneAndNotDone<Integer> r = Futures.wait(List.of(a, b), Duration.ofSeconds(20), ReturnWhen.FIRST_COMPLETED);
    completer.join();
    assertEquals(Set.of(b), r.done());
    assertEquals(Set.of(a), r.notDone());
  }

  /**
   * Runs {@code completion} in a new thread once {@code waiter} is parked, so the test exercises waking a blocked
   * wait rather than finding the future already done.
   */
  private static Thread completeOnceBlocked(Thread waiter, Runnable completion) {
    return Thread.ofPlatform()
        .start(
            () -> {
              await()
                  .atMost(Duration.ofSeconds(20))
                  .pollInterval(Duration.ofMillis(1))
                  .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
              completion.run();
            });
  }

  /** Deliberate difference from CPython (gh-92001): waiting on a cancelled stand-alone future never hangs. */
  @Test
  void waitOnAFutureCancelledByHandReturns() {
    Future<Integer> f = Fixtures.cancelled();
    assertEquals(Set.of(f), Futures.wait(List.of(f)).done());
    try (Stream<Future<Integer>> completed = Futures.asCompleted(List.of(f))) {
      assertEquals(List.of(f), completed.toList());
    }
  }

  @Test
  void cancellingDuringWaitCountsAsCompletion() throws Exception {
    Future<Integer> f = new Future<>();
    Thread canceller = completeOnceBlocked(Thread.currentThread(), f::cancel);
    DoneAndNotDone<Integer> r = Futures.wait(List.of(f), Duration.ofSeconds(20), ReturnWhen.ALL_COMPLETED);
    canceller.join();
    assertEquals(Set.of(f), r.done());
  }

  @Test
  void firstExceptionIgnoresCancellations() {
    Future<Integer> cancelled = Fixtures.cancelledAndNotified();
    Future<Integer> pending = new Future<>();
    DoneAndNotDone<Integer> r =
        Futures.wait(List.of(cancelled, pending), Duration.ZERO, ReturnWhen.FIRST_EXCEPTION);
    assertEquals(Set.of(pending), r.notDone());
  }

  @Test
  void asCompletedWithZeroTimeoutReportsTheUnfinishedCount() {
    List<Future<Integer>> fs =
        List.of(Fixtures.cancelledAndNotified(), Fixtures.pending(), Fixtures.running(), Fixtures.succeeded(1));
    List<Future<Integer>> yielded = new ArrayList<>();
    try (Stream<Future<Integer>> completed = Futures.asCompleted(fs, Duration.ZERO)) {
      Iterator<Future<Integer>> it = completed.iterator();
      UncheckedTimeoutException e =
          assertThrows(UncheckedTimeoutException.class, () -> it.forEachRemaining(yielded::add));
      assertEquals("2 (of 4) futures unfinished", e.getMessage());
    }
    assertEquals(Set.of(fs.get(0), fs.get(3)), Set.copyOf(yielded));
  }

  /**
   * Steps the stream's own spliterator: {@code Stream.iterator()} is a JDK adapter that keeps its last element
   * until the next step, which is the caller's reference, not ours.
   */
  @Test
  void asCompletedKeepsNoReferenceToAYieldedFuture() {
    Future<Integer> pending = new Future<>();
    List<WeakReference<Future<Integer>>> yielded = new ArrayList<>();
    Spliterator<Future<Integer>> completed = yieldOneDoneFuture(pending, yielded);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              System.gc();
              return yielded.get(0).get() == null;
            });
    pending.setResult(2);
    List<Future<Integer>> rest = new ArrayList<>();
    completed.forEachRemaining(rest::add);
    assertEquals(List.of(pending), rest);
  }

  /** Creates a done future, yields it from asCompleted and drops every local reference to it. */
  private static Spliterator<Future<Integer>> yieldOneDoneFuture(
      Future<Integer> pending, List<WeakReference<Future<Integer>>> yielded) {
    Future<Integer> done = Fixtures.succeeded(1);
    yielded.add(new WeakReference<>(done));
    Spliterator<Future<Integer>> completed = Futures.asCompleted(List.of(done, pending)).spliterator();
    List<Future<Integer>> first = new ArrayList<>();
    assertTrue(completed.tryAdvance(first::add));
    assertSame(done, first.get(0));
    return completed;
  }
}
