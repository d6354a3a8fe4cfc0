package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.Futures;

/** {@link Futures#asCompleted} over executor futures (CPython's {@code test_as_completed}). */
@Timeout(60)
public interface AsCompletedContract extends ContractSupport {

  @Test
  default void yieldsEveryFutureWithoutATimeout() {
    try (Executor executor = newExecutor(2)) {
      Future<Integer> cancelled = Fixtures.cancelledAndNotified();
      Future<Integer> failed = Fixtures.failed(new IllegalStateException());
      Future<Integer> succeeded = Fixtures.succeeded(1);
      Future<Integer> a = executor.submit(ContractTasks::mul, 2, 21);
      Future<Integer> b = executor.submit(ContractTasks::mul, 7, 6);
      List<Future<Integer>> fs = List.of(cancelled, failed, succeeded, a, b);
      try (Stream<Future<Integer>> completed = Futures.asCompleted(fs)) {
        assertEquals(Set.copyOf(fs), completed.collect(Collectors.toSet()));
      }
    }
  }

  @Test
  default void yieldsAlreadyDoneFuturesThenTimesOutWithACount() throws Exception {
    for (Duration timeout : List.of(Duration.ZERO, Duration.ofMillis(100))) {
      try (Executor executor = newExecutor(1);
          Rendezvous rendezvous = new Rendezvous()) {
        Rendezvous.Gate gate = rendezvous.gate();
        Future<Integer> cancelled = Fixtures.cancelledAndNotified();
        Future<Integer> failed = Fixtures.failed(new IllegalStateException());
        Future<Integer> succeeded = Fixtures.succeeded(1);
        Future<Integer> blocked = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0));
        Set<Future<Integer>> yielded = new HashSet<>();
        UncheckedTimeoutException e;
        try (Stream<Future<Integer>> completed =
            Futures.asCompleted(List.of(cancelled, failed, succeeded, blocked), timeout)) {
          Iterator<Future<Integer>> it = completed.iterator();
          e =
              assertThrows(
                  UncheckedTimeoutException.class,
                  () -> {
                    while (it.hasNext()) {
                      yielded.add(it.next());
                    }
                  });
        }
        assertEquals(Set.of(cancelled, failed, succeeded), yielded);
        assertEquals("1 (of 4) futures unfinished", e.getMessage());
        rendezvous.open();
      }
    }
  }

  @Test
  default void yieldsAFutureInCompletionOrderOnce() throws Exception {
    try (Executor executor = newExecutor(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> slow = executor.submit(() -> ContractTasks.blockThenReturn(gate, "slow", 1));
      Future<Integer> fast = executor.submit(ContractTasks::mul, 1, 2);
      List<Future<Integer>> order = new ArrayList<>();
      try (Stream<Future<Integer>> completed =
          Futures.asCompleted(List.of(slow, fast, slow, fast))) {
        Iterator<Future<Integer>> it = completed.iterator();
        order.add(it.next());
        rendezvous.open();
        it.forEachRemaining(order::add);
      }
      assertEquals(List.of(fast, slow), order);
    }
  }

  /** Deliberate difference from CPython: the timeout counts from the call, as CPython documents. */
  @Test
  default void timeoutCountsFromTheCallNotTheFirstNext() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0));
      try (Stream<Future<Integer>> completed =
          Futures.asCompleted(List.of(blocked), Duration.ofSeconds(1))) {
        Iterator<Future<Integer>> it = completed.iterator();
        // Let the deadline pass before the first step, measured by a future that cannot complete.
        Future<Object> never = new Future<>();
        assertThrows(UncheckedTimeoutException.class, () -> never.result(Duration.ofMillis(1100)));
        long start = System.nanoTime();
        assertThrows(UncheckedTimeoutException.class, it::hasNext);
        assertTrue(
            Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(800)) < 0,
            "the deadline had already passed, so the first step must not wait a full timeout");
      }
      rendezvous.open();
    }
  }

  /** Deliberate difference from CPython (gh-87893): a future cancelled while queued is yielded at once. */
  @Test
  default void futureCancelledByShutdownIsYielded() throws Exception {
    Future<Integer> queued;
    Rendezvous rendezvous = new Rendezvous();
    Executor executor = newExecutor(1);
    try {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        all.add(executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", 0)));
      }
      queued = executor.submit(ContractTasks::mul, 1, 1);
      rendezvous.awaitArrivals(1);
      executor.shutdown(false, true);
      assertTrue(queued.isCancelled());
      try (Stream<Future<Integer>> completed =
          Futures.asCompleted(List.of(queued), Duration.ofSeconds(30))) {
        assertEquals(List.of(queued), completed.collect(Collectors.toList()));
      }
    } finally {
      rendezvous.close();
      executor.close();
    }
  }

  @Test
  default void emptyInputYieldsNothing() {
    try (Stream<Future<Integer>> completed = Futures.asCompleted(Collections.emptyList())) {
      assertEquals(0, completed.count());
    }
  }
}
