package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.BrokenExecutorException;
import org.pyfutures.Executor;
import org.pyfutures.Future;

/** Worker initializers (CPython's {@code test_init}). */
@Timeout(60)
public interface InitializerContract extends ContractSupport {

  @Test
  default void initializerRunsInEveryWorkerBeforeItsTasks() throws Exception {
    try (Executor executor = newExecutor(2, () -> ContractTasks.initialize("initialized"));
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      // Two blocked tasks occupy both workers, so each status below comes from a distinct worker.
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        fs.add(executor.submit(() -> ContractTasks.blockThenReturn(gate, "w", ContractTasks.initStatus())));
      }
      rendezvous.awaitArrivals(2);
      rendezvous.open();
      for (Future<String> f : fs) {
        assertEquals("initialized", f.result());
      }
    }
  }

  @Test
  default void failingInitializerBreaksThePool() {
    Executor executor = newExecutor(2, ContractTasks::failInitializer);
    try {
      try {
        Future<Integer> f = executor.submit(ContractTasks::mul, 1, 2);
        Throwable failure = assertThrows(BrokenExecutorException.class, f::result);
        assertInstanceOf(BrokenExecutorException.class, failure);
      } catch (BrokenExecutorException rejectedAtSubmit) {
        // Either the submission or the future reports the broken pool.
      }
      // Once broken, the pool stays broken: every later submission is rejected.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> submitIsRejectedAsBroken(executor));
      RejectedExecutionException later =
          assertThrows(BrokenExecutorException.class, () -> executor.submit(ContractTasks::mul, 1, 2));
      assertTrue(later.getMessage() != null && !later.getMessage().isEmpty());
    } finally {
      executor.close();
    }
  }

  private static boolean submitIsRejectedAsBroken(Executor executor) {
    try {
      executor.submit(ContractTasks::mul, 1, 2);
      return false;
    } catch (BrokenExecutorException expected) {
      return true;
    }
  }

  @Test
  default void everyQueuedFutureOfABrokenPoolFailsWithItsOwnException() {
    Executor executor = newExecutor(1, ContractTasks::failInitializer);
    try {
      List<Future<Integer>> fs = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          fs.add(executor.submit(ContractTasks::mul, i, 2));
        }
      } catch (BrokenExecutorException brokenAlready) {
        // The pool broke while we were submitting; the futures we have must still fail, not hang.
      }
      List<Throwable> failures = new ArrayList<>();
      for (Future<Integer> f : fs) {
        failures.add(assertThrows(BrokenExecutorException.class, f::result));
      }
      assertEquals(failures.size(), failures.stream().distinct().count(), "one instance per future");
    } finally {
      executor.close();
    }
  }

  /** Deliberate difference from CPython: a cancelled queued future does not stop the broken-pool drain. */
  @Test
  default void initializerFailureSkipsCancelledFuturesAndFailsTheRest() {
    Executor executor = newExecutor(1, ContractTasks::failInitializer);
    try {
      List<Future<Integer>> fs = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          fs.add(executor.submit(ContractTasks::mul, i, 2));
        }
      } catch (BrokenExecutorException brokenAlready) {
        // Fine: fewer futures to check.
      }
      if (fs.size() > 1) {
        fs.get(1).cancel();
      }
      for (Future<Integer> f : fs) {
        if (!f.isCancelled()) {
          assertThrows(BrokenExecutorException.class, f::result);
        }
        assertTrue(f.isDone());
      }
    } finally {
      executor.close();
    }
  }
}
