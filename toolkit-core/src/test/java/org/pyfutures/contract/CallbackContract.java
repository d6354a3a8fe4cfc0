package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;

/** Done-callbacks and listeners attached to executor futures. */
@Timeout(60)
public interface CallbackContract extends ContractSupport {

  /**
   * Deliberate difference from CPython: a throwing callback never kills a pool's worker. The tasks wait at a gate
   * until every callback is attached, so the callbacks run in the pool's completing thread, not in this one.
   */
  @Test
  default void throwingCallbacksNeverStopThePool() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Integer> seen = new CopyOnWriteArrayList<>();
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int value = i;
        Future<Integer> f = executor.submit(() -> ContractTasks.blockThenReturn(gate, "t" + value, value));
        f.addDoneCallback(done -> {
          throw new IllegalStateException("callback fails");
        });
        f.addDoneCallback(done -> {
          throw new AssertionError("even an Error");
        });
        f.addDoneCallback(done -> seen.add(done.result()));
        fs.add(f);
      }
      rendezvous.awaitArrivals(1);
      assertFalse(fs.get(0).isDone());
      rendezvous.open();
      for (Future<Integer> f : fs) {
        f.result();
      }
      // The pool still runs work, and every later callback ran.
      assertEquals(10, executor.submit(ContractTasks::mul, 5, 2).result(Duration.ofSeconds(30)));
      assertEquals(List.of(0, 1, 2, 3, 4), seen.stream().sorted().toList());
    }
  }

  /** A listener run directly by the completing thread may throw even an {@link Error}; the pool keeps working. */
  @Test
  default void aListenerThrowingAnErrorNeverStopsThePool() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<String> later = new CopyOnWriteArrayList<>();
      Future<Integer> f = executor.submit(() -> ContractTasks.blockThenReturn(gate, "gated", 1));
      f.addListener(() -> {
        throw new AssertionError("listener bug");
      }, Runnable::run);
      f.addListener(() -> later.add("ran"), Runnable::run);
      Future<Integer> queued = executor.submit(ContractTasks::mul, 3, 4);
      rendezvous.awaitArrivals(1);
      rendezvous.open();
      assertEquals(1, f.result());
      assertEquals(12, queued.result(Duration.ofSeconds(30)));
      assertEquals(20, executor.submit(ContractTasks::mul, 4, 5).result(Duration.ofSeconds(30)));
      assertEquals(List.of("ran"), later);
    }
  }

  @Test
  default void callbackMaySubmitMoreWork() throws Exception {
    try (Executor executor = newExecutor(2)) {
      Future<Future<Integer>> chained = new Future<>();
      Future<Integer> first = executor.submit(ContractTasks::mul, 3, 3);
      first.addDoneCallback(done -> chained.setResult(executor.submit(ContractTasks::mul, done.result(), 2)));
      assertEquals(18, chained.result().result());
    }
  }
}
