package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.Task;
import org.pyfutures.TaskFunction;

/** Submitting work in each shape, and how results and exceptions come back. */
@Timeout(60)
public interface SubmitContract extends ContractSupport {

  @Test
  default void submitOfEveryShapeReturnsItsResult() throws Exception {
    try (Executor executor = newExecutor(2)) {
      assertEquals(42, executor.submit(() -> 42).result());
      assertEquals(42, executor.submit(ContractTasks::identity, 42).result());
      assertEquals(42, executor.submit(ContractTasks::mul, 21, 2).result());
      Callable<Integer> callable = (Callable<Integer> & Serializable) () -> 7;
      assertEquals(7, executor.submit(callable).result());
      Runnable runnable = (Runnable & Serializable) () -> {};
      assertNull(executor.submit(runnable).result());
      assertEquals("done", executor.submit(runnable, "done").result());
      assertEquals(42, executor.submit(callable).get(30, TimeUnit.SECONDS) * 6);
    }
  }

  @Test
  default void submitOfARunnableWithAResultReturnsTheCallersOwnObjectWhateverItsType() {
    try (Executor executor = newExecutor(1)) {
      Object notSerializable = new Object();
      Runnable runnable = (Runnable & Serializable) () -> {};
      assertSame(notSerializable, executor.submit(runnable, notSerializable).result());
      StringBuilder mutable = new StringBuilder("mine");
      assertSame(mutable, executor.submit(runnable, mutable).result());
    }
  }

  @Test
  default void nullArgumentsAreAccepted() {
    try (Executor executor = newExecutor(1)) {
      assertNull(executor.submit(ContractTasks::identity, null).result());
    }
  }

  @Test
  default void nullTaskIsRejectedAtTheCall() {
    try (Executor executor = newExecutor(1)) {
      assertThrows(NullPointerException.class, () -> executor.submit((Task<Object>) null));
      assertThrows(NullPointerException.class, () -> executor.submit((TaskFunction<Object, Object>) null, 1));
      assertThrows(NullPointerException.class, () -> executor.submit((Callable<Object>) null));
      assertThrows(NullPointerException.class, () -> executor.submit((Runnable) null));
    }
  }

  @Test
  default void uncheckedExceptionIsRethrownAsIsByResult() {
    try (Executor executor = newExecutor(1)) {
      Future<Integer> f = executor.submit(ContractTasks::failUnchecked, "boom");
      IllegalStateException e = assertThrows(IllegalStateException.class, f::result);
      assertEquals("boom", e.getMessage());
      assertInstanceOf(IllegalStateException.class, f.exception());
      assertEquals(Future.Status.FINISHED, f.status());
    }
  }

  @Test
  default void checkedExceptionArrivesWrappedInCompletionExceptionFromResult() {
    try (Executor executor = newExecutor(1)) {
      Future<Integer> f = executor.submit(ContractTasks::failChecked, "disk");
      CompletionException e = assertThrows(CompletionException.class, f::result);
      IOException cause = assertInstanceOf(IOException.class, e.getCause());
      assertEquals("disk", cause.getMessage());
      assertSame(cause.getClass(), f.exception().getClass());
      ExecutionException viaGet = assertThrows(ExecutionException.class, f::get);
      assertInstanceOf(IOException.class, viaGet.getCause());
    }
  }

  @Test
  default void doneCallbackSeesTheFinishedFuture() throws InterruptedException {
    try (Executor executor = newExecutor(1)) {
      Future<Integer> f = executor.submit(ContractTasks::mul, 6, 7);
      AtomicReference<Integer> seen = new AtomicReference<>();
      java.util.concurrent.CountDownLatch called = new java.util.concurrent.CountDownLatch(1);
      f.addDoneCallback(
          done -> {
            seen.set(done.result());
            called.countDown();
          });
      assertTrue(called.await(30, TimeUnit.SECONDS));
      assertEquals(42, seen.get());
    }
  }

  @Test
  default void invokeAllReturnsEveryFutureDone() throws Exception {
    try (Executor executor = newExecutor(2)) {
      List<Task<Integer>> tasks = List.of(() -> 1, () -> 2, () -> ContractTasks.failUnchecked("x"));
      List<java.util.concurrent.Future<Integer>> futures = executor.invokeAll(tasks);
      assertEquals(3, futures.size());
      assertTrue(futures.stream().allMatch(java.util.concurrent.Future::isDone));
      assertEquals(1, futures.get(0).get());
      assertEquals(2, futures.get(1).get());
      assertThrows(ExecutionException.class, () -> futures.get(2).get());
    }
  }

  @Test
  default void invokeAllOfNoTasksReturnsAnEmptyList() throws Exception {
    try (Executor executor = newExecutor(1)) {
      assertEquals(List.of(), executor.invokeAll(List.<Task<Integer>>of()));
      assertEquals(List.of(), executor.invokeAll(List.<Task<Integer>>of(), 1, TimeUnit.SECONDS));
    }
  }

  /** A timeout too large for nanoseconds means "no timeout", in any unit, and nothing is submitted twice. */
  @Test
  default void invokeWithTheLargestTimeoutOfAnyUnitWaitsWithoutOverflow() throws Exception {
    try (Executor executor = newExecutor(2)) {
      List<Task<Integer>> tasks = List.of(() -> 1, () -> 2);
      for (TimeUnit unit : TimeUnit.values()) {
        List<java.util.concurrent.Future<Integer>> fs = executor.invokeAll(tasks, Long.MAX_VALUE, unit);
        assertEquals(List.of(1, 2), List.of(fs.get(0).get(), fs.get(1).get()), unit.toString());
        int any = executor.invokeAny(tasks, Long.MAX_VALUE, unit);
        assertTrue(any == 1 || any == 2, unit + ": " + any);
      }
    }
  }

  @Test
  default void invokeAnyReturnsASuccessfulResult() throws Exception {
    try (Executor executor = newExecutor(2)) {
      List<Task<Integer>> tasks = List.of(() -> ContractTasks.failUnchecked("no"), () -> 5);
      assertEquals(5, executor.invokeAny(tasks));
      List<Task<Integer>> allFail = List.of(() -> ContractTasks.failUnchecked("a"));
      ExecutionException e = assertThrows(ExecutionException.class, () -> executor.invokeAny(allFail));
      assertInstanceOf(IllegalStateException.class, e.getCause());
      assertThrows(IllegalArgumentException.class, () -> executor.invokeAny(List.<Task<Integer>>of()));
    }
  }

  @Test
  default void futureReportsRunningWhileItsTaskRuns() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<String> f = executor.submit(() -> ContractTasks.blockThenReturn(gate, "running", "ok"));
      rendezvous.awaitArrivals(1);
      assertTrue(f.isRunning());
      assertFalse(f.cancel(), "a running future is never cancelled");
      assertFalse(f.isDone());
      rendezvous.open();
      assertEquals("ok", f.result());
      assertFalse(f.isRunning());
    }
  }
}
