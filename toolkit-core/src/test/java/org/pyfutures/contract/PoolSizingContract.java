package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;

/** How many workers a pool uses (CPython's idle-reuse and saturation tests). */
@Timeout(60)
public interface PoolSizingContract extends ContractSupport {

  @Test
  default void sequentialTasksReuseOneIdleWorker() throws Exception {
    try (Executor executor = newExecutor(4);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Set<String> workers = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        workers.add(executor.submit(() -> ContractTasks.reportWorker(gate, "seq")).result());
      }
      assertEquals(1, workers.size(), "workers used: " + workers);
    }
  }

  @Test
  default void saturationUsesExactlyMaxWorkers() throws Exception {
    int maxWorkers = 3;
    try (Executor executor = newExecutor(maxWorkers);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < 15 * maxWorkers; i++) {
        fs.add(executor.submit(() -> ContractTasks.blockAndReportWorker(gate, "sat")));
      }
      rendezvous.awaitArrivals(maxWorkers);
      rendezvous.open();
      Set<String> workers = new HashSet<>();
      for (Future<String> f : fs) {
        workers.add(f.result());
      }
      assertEquals(maxWorkers, workers.size(), "workers used: " + workers);
    }
  }

  @Test
  default void maxWorkersBelowOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> newExecutor(0));
    assertThrows(IllegalArgumentException.class, () -> newExecutor(-1));
  }
}
