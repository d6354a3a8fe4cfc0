package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;

/** Done-callbacks attached to executor futures. */
@Timeout(60)
public interface CallbackContract extends ContractSupport {

  /** Deliberate difference from CPython: a throwing callback never kills a pool's worker. */
  @Test
  default void throwingCallbacksNeverStopThePool() {
    try (Executor executor = newExecutor(1)) {
      List<Integer> seen = new CopyOnWriteArrayList<>();
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Future<Integer> f = executor.submit(ContractTasks::mul, i, 1);
        f.addDoneCallback(done -> {
          throw new IllegalStateException("callback fails");
        });
        f.addDoneCallback(done -> {
          throw new AssertionError("even an Error");
        });
        f.addDoneCallback(done -> seen.add(done.result()));
        fs.add(f);
      }
      for (Future<Integer> f : fs) {
        f.result();
      }
      // The pool still runs work, and every later callback ran.
      assertEquals(10, executor.submit(ContractTasks::mul, 5, 2).result());
      assertEquals(List.of(0, 1, 2, 3, 4), seen.stream().sorted().toList());
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
