package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.DoneAndNotDone;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.Futures;
import org.pyfutures.ReturnWhen;

/** {@link Futures#wait} over executor futures (CPython's {@code test_wait}). */
@Timeout(60)
public interface WaitContract extends ContractSupport {

  @Test
  default void firstCompletedReturnsTheFinishedFutureAndLeavesTheBlockedOne() throws Exception {
    try (Executor executor = newExecutor(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0));
      Future<Integer> quick = executor.submit(ContractTasks::mul, 21, 2);
      DoneAndNotDone<Integer> r = Futures.wait(List.of(blocked, quick), null, ReturnWhen.FIRST_COMPLETED);
      assertEquals(Set.of(quick), r.done());
      assertEquals(Set.of(blocked), r.notDone());
      rendezvous.open();
    }
  }

  @Test
  default void firstCompletedReturnsAtOnceWhenSomeAreAlreadyDone() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0));
      Future<Integer> succeeded = Fixtures.succeeded(42);
      Future<Integer> cancelled = Fixtures.cancelledAndNotified();
      DoneAndNotDone<Integer> r =
          Futures.wait(List.of(cancelled, succeeded, blocked), null, ReturnWhen.FIRST_COMPLETED);
      assertEquals(Set.of(cancelled, succeeded), r.done());
      assertEquals(Set.of(blocked), r.notDone());
      rendezvous.open();
    }
  }

  @Test
  default void firstExceptionReturnsOnceATaskFails() throws Exception {
    try (Executor executor = newExecutor(3);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> ok = executor.submit(ContractTasks::mul, 21, 2);
      ok.result();
      Future<Integer> failing = executor.submit(ContractTasks::divide, 1, 0);
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0));
      DoneAndNotDone<Integer> r =
          Futures.wait(List.of(ok, failing, blocked), null, ReturnWhen.FIRST_EXCEPTION);
      assertEquals(Set.of(ok, failing), r.done());
      assertEquals(Set.of(blocked), r.notDone());
      rendezvous.open();
    }
  }

  @Test
  default void firstExceptionReturnsAtOnceWhenOneAlreadyFailed() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> failed = Fixtures.failed(new ArithmeticException());
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0));
      DoneAndNotDone<Integer> r = Futures.wait(List.of(failed, blocked), null, ReturnWhen.FIRST_EXCEPTION);
      assertEquals(Set.of(failed), r.done());
      assertEquals(Set.of(blocked), r.notDone());
      rendezvous.open();
    }
  }

  @Test
  default void firstExceptionWithoutFailuresWaitsForAll() {
    try (Executor executor = newExecutor(2)) {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        fs.add(executor.submit(ContractTasks::mul, i, 2));
      }
      DoneAndNotDone<Integer> r = Futures.wait(fs, null, ReturnWhen.FIRST_EXCEPTION);
      assertEquals(Set.copyOf(fs), r.done());
      assertTrue(r.notDone().isEmpty());
    }
  }

  @Test
  default void allCompletedWaitsForEveryFuture() {
    try (Executor executor = newExecutor(2)) {
      Future<Integer> succeeded = Fixtures.succeeded(1);
      Future<Integer> cancelled = Fixtures.cancelledAndNotified();
      Future<Integer> failed = Fixtures.failed(new IllegalStateException());
      Future<Integer> dividesByZero = executor.submit(ContractTasks::divide, 2, 0);
      Future<Integer> multiplies = executor.submit(ContractTasks::mul, 2, 21);
      List<Future<Integer>> fs = List.of(succeeded, cancelled, failed, dividesByZero, multiplies);
      DoneAndNotDone<Integer> r = Futures.wait(fs);
      assertEquals(Set.copyOf(fs), r.done());
      assertTrue(r.notDone().isEmpty());
    }
  }

  @Test
  default void timeoutReturnsThePartialAnswerWithoutThrowing() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> succeeded = Fixtures.succeeded(1);
      Future<Integer> failed = Fixtures.failed(new IllegalStateException());
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0));
      DoneAndNotDone<Integer> r =
          Futures.wait(
              List.of(succeeded, failed, blocked), Duration.ofMillis(50), ReturnWhen.ALL_COMPLETED);
      assertEquals(Set.of(succeeded, failed), r.done());
      assertEquals(Set.of(blocked), r.notDone());
      DoneAndNotDone<Integer> negative =
          Futures.wait(List.of(blocked), Duration.ofSeconds(-5), ReturnWhen.ALL_COMPLETED);
      assertEquals(Set.of(blocked), negative.notDone());
      rendezvous.open();
    }
  }

  @Test
  default void duplicateFuturesCountOnce() {
    try (Executor executor = newExecutor(1)) {
      Future<Integer> f = executor.submit(ContractTasks::mul, 2, 3);
      DoneAndNotDone<Integer> r = Futures.wait(List.of(f, f));
      assertEquals(Set.of(f), r.done());
    }
  }

  /** Deliberate difference from CPython (gh-92001, gh-109934): a cancelled future is done for wait at once. */
  @Test
  default void cancelledQueuedFutureCountsAsDoneAtOnce() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Integer>> blockers = new ArrayList<>();
      // Enough blocked tasks to fill any dispatch window, so the last one stays queued and cancellable.
      for (int i = 0; i < 4; i++) {
        blockers.add(executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0)));
      }
      Future<Integer> queued = executor.submit(ContractTasks::mul, 1, 1);
      rendezvous.awaitArrivals(1);
      assertTrue(queued.cancel());
      DoneAndNotDone<Integer> r = Futures.wait(List.of(queued));
      assertEquals(Set.of(queued), r.done());
      assertEquals(Future.Status.CANCELLED, queued.status());
      rendezvous.open();
    }
  }

  @Test
  default void waitReturnsAfterManyTasksAreReleasedTogether() throws Exception {
    try (Executor executor = newExecutor(4);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int value = i;
        fs.add(executor.submit(() -> ContractTasks.blockThenReturn(gate, "t", value)));
      }
      rendezvous.open();
      DoneAndNotDone<Integer> r = Futures.wait(fs, null, ReturnWhen.ALL_COMPLETED);
      assertEquals(100, r.done().size());
    }
  }
}
