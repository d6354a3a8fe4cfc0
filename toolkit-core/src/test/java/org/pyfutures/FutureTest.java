package org.pyfutures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyfutures.contract.Fixtures.cancelled;
import static org.pyfutures.contract.Fixtures.cancelledAndNotified;
import static org.pyfutures.contract.Fixtures.failed;
import static org.pyfutures.contract.Fixtures.pending;
import static org.pyfutures.contract.Fixtures.running;
import static org.pyfutures.contract.Fixtures.succeeded;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The future's state machine, method by state (CPython's {@code test_future}). */
@Timeout(30)
class FutureTest {

  @Test
  void cancelSucceedsOnlyBeforeTheFutureStarts() {
    Future<Object> p = pending();
    assertTrue(p.cancel());
    assertEquals(Future.Status.CANCELLED, p.status());

    Future<Object> r = running();
    assertFalse(r.cancel());
    assertFalse(r.cancel(true), "the interrupt flag changes nothing");
    assertEquals(Future.Status.RUNNING, r.status());

    Future<Object> c = cancelled();
    assertTrue(c.cancel());
    assertEquals(Future.Status.CANCELLED, c.status());

    Future<Object> cn = cancelledAndNotified();
    assertTrue(cn.cancel());
    assertEquals(Future.Status.CANCELLED_AND_NOTIFIED, cn.status());

    Future<Object> f = succeeded(42);
    assertFalse(f.cancel());
    assertEquals(Future.Status.FINISHED, f.status());
  }

  @Test
  void queriesFollowPythonsTruthTable() {
    List<Future<Object>> all =
        List.of(pending(), running(), cancelled(), cancelledAndNotified(), failed(new IOException()), succeeded(1));
    assertEquals(
        List.of(false, false, true, true, false, false), all.stream().map(Future::isCancelled).toList());
    assertEquals(List.of(false, false, true, true, true, true), all.stream().map(Future::isDone).toList());
    assertEquals(
        List.of(false, true, false, false, false, false), all.stream().map(Future::isRunning).toList());
  }

  @Test
  void resultWithZeroTimeoutFollowsTheStateTable() {
    assertThrows(UncheckedTimeoutException.class, () -> pending().result(Duration.ZERO));
    assertThrows(UncheckedTimeoutException.class, () -> running().result(Duration.ZERO));
    assertThrows(CancellationException.class, () -> cancelled().result(Duration.ZERO));
    assertThrows(CancellationException.class, () -> cancelledAndNotified().result(Duration.ZERO));
    assertThrows(IllegalStateException.class, () -> failed(new IllegalStateException()).result(Duration.ZERO));
    assertEquals(42, succeeded(42).result(Duration.ZERO));
    assertThrows(UncheckedTimeoutException.class, () -> pending().result(Duration.ofSeconds(-1)));
  }

  @Test
  void exceptionWithZeroTimeoutFollowsTheStateTable() {
    assertThrows(UncheckedTimeoutException.class, () -> pending().exception(Duration.ZERO));
    assertThrows(UncheckedTimeoutException.class, () -> running().exception(Duration.ZERO));
    assertThrows(CancellationException.class, () -> cancelled().exception(Duration.ZERO));
    assertThrows(CancellationException.class, () -> cancelledAndNotified().exception(Duration.ZERO));
    IOException io = new IOException("x");
    assertSame(io, failed(io).exception(Duration.ZERO));
    assertNull(succeeded(42).exception(Duration.ZERO));
  }

  @Test
  void checkedExceptionIsWrappedByResultButNotByException() {
    IOException io = new IOException("disk");
    Future<Object> f = failed(io);
    CompletionException wrapped = assertThrows(CompletionException.class, f::result);
    assertSame(io, wrapped.getCause());
    assertSame(io, f.exception());
    ExecutionException viaGet = assertThrows(ExecutionException.class, f::get);
    assertSame(io, viaGet.getCause());
    Error error = new StackOverflowError();
    assertSame(error, assertThrows(StackOverflowError.class, failed(error)::result));
  }

  @Test
  void resultWakesWhenAnotherThreadSetsIt() throws Exception {
    Future<Integer> f = new Future<>();
    Thread setter = Thread.ofPlatform().start(() -> f.setResult(42));
    assertEquals(42, f.result(Duration.ofSeconds(10)));
    setter.join();
  }

  @Test
  void resultWakesWithCancellationWhenAnotherThreadCancels() throws Exception {
    Future<Integer> f = new Future<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread canceller =
        Thread.ofPlatform()
            .start(
                () -> {
                  awaitQuietly(waiting);
                  f.cancel();
                });
    waiting.countDown();
    assertThrows(CancellationException.class, () -> f.result(Duration.ofSeconds(10)));
    canceller.join();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void resultIsNotInterruptibleButKeepsTheInterrupt() {
    Future<Integer> f = succeeded(1);
    Thread.currentThread().interrupt();
    try {
      assertEquals(1, f.result());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void secondCompletionIsAnInvalidStateAndKeepsTheFirst() {
    Future<Integer> f = succeeded(1);
    InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));
    assertTrue(e.getMessage().startsWith("FINISHED: Future[state=finished returned Integer]"), e.getMessage());
    assertThrows(InvalidStateException.class, () -> f.setException(new IOException()));
    assertEquals(1, f.result());

    Future<Integer> c = cancelled();
    InvalidStateException onCancelled = assertThrows(InvalidStateException.class, () -> c.setResult(1));
    assertTrue(onCancelled.getMessage().startsWith("CANCELLED: "), onCancelled.getMessage());
    assertThrows(NullPointerException.class, () -> new Future<>().setException(null));
  }

  @Test
  void setRunningOrNotifyCancelMovesOnlyPendingAndCancelled() {
    Future<Object> p = pending();
    assertTrue(p.setRunningOrNotifyCancel());
    assertEquals(Future.Status.RUNNING, p.status());
    Future<Object> c = cancelled();
    assertFalse(c.setRunningOrNotifyCancel());
    assertEquals(Future.Status.CANCELLED_AND_NOTIFIED, c.status());
    assertThrows(IllegalStateException.class, p::setRunningOrNotifyCancel);
    assertThrows(IllegalStateException.class, c::setRunningOrNotifyCancel);
    assertThrows(IllegalStateException.class, () -> succeeded(1).setRunningOrNotifyCancel());
  }

  @Test
  void toStringDescribesTheState() {
    assertEquals("Future[state=pending]", pending().toString());
    assertEquals("Future[state=running]", running().toString());
    assertEquals("Future[state=cancelled]", cancelled().toString());
    assertEquals("Future[state=cancelled]", cancelledAndNotified().toString());
    assertEquals("Future[state=finished raised IOException]", failed(new IOException()).toString());
    assertEquals("Future[state=finished returned Integer]", succeeded(4).toString());
    assertEquals("Future[state=finished returned null]", succeeded(null).toString());
  }

  @Test
  void callbacksRunInOrderOnCompletionAndAtOnceWhenAlreadyDone() {
    Future<Integer> f = new Future<>();
    List<String> calls = new ArrayList<>();
    f.addDoneCallback(done -> calls.add("first " + done.result()));
    f.addDoneCallback(done -> calls.add("second"));
    assertTrue(calls.isEmpty());
    f.setResult(5);
    assertEquals(List.of("first 5", "second"), calls);
    f.addDoneCallback(done -> calls.add("late"));
    assertEquals(List.of("first 5", "second", "late"), calls);
  }

  @Test
  void callbacksSeeExceptionAndCancellation() {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Future<Integer> failing = new Future<>();
    failing.addDoneCallback(done -> seen.set(done.exception()));
    failing.setException(new IOException("test"));
    assertEquals("test", seen.get().getMessage());

    AtomicReference<Boolean> cancelledSeen = new AtomicReference<>();
    Future<Integer> cancelling = new Future<>();
    cancelling.addDoneCallback(done -> cancelledSeen.set(done.isCancelled()));
    cancelling.cancel();
    assertTrue(cancelledSeen.get());
  }

  @Test
  void throwingCallbackDoesNotDisturbTheOthersOrTheCompletingThread() {
    Future<Integer> f = new Future<>();
    List<String> calls = new ArrayList<>();
    f.addDoneCallback(done -> {
      throw new IllegalStateException("doh!");
    });
    f.addDoneCallback(done -> calls.add("after"));
    f.setResult(1);
    assertEquals(List.of("after"), calls);
    succeeded(1).addDoneCallback(done -> {
      throw new IllegalStateException("doh! already succeeded");
    });
    assertThrows(NullPointerException.class, () -> f.addDoneCallback(null));
  }

  @Test
  void toCompletableFutureFollowsEachOutcome() throws Exception {
    Future<Integer> f = new Future<>();
    CompletableFuture<Integer> cf = f.toCompletableFuture();
    assertFalse(cf.isDone());
    f.setResult(3);
    assertEquals(3, cf.get(10, TimeUnit.SECONDS));

    IOException io = new IOException();
    ExecutionException e = assertThrows(ExecutionException.class, () -> failed(io).toCompletableFuture().get());
    assertSame(io, e.getCause());
    assertTrue(cancelled().toCompletableFuture().isCancelled());

    Future<Integer> pending = new Future<>();
    pending.toCompletableFuture().cancel(true);
    assertTrue(pending.isCancelled(), "cancelling the bridge cancels a pending future");
    Future<Integer> running = running();
    running.toCompletableFuture().cancel(true);
    assertEquals(Future.Status.RUNNING, running.status());
  }

  @Test
  void interoperatesWithGuavaListenableFutures() throws Exception {
    Future<Integer> f = new Future<>();
    com.google.common.util.concurrent.ListenableFuture<String> mapped =
        com.google.common.util.concurrent.Futures.transform(f, i -> "v" + i, MoreExecutors.directExecutor());
    f.setResult(7);
    assertEquals("v7", mapped.get(10, TimeUnit.SECONDS));
    assertInstanceOf(java.util.concurrent.Future.class, f);
  }
}
