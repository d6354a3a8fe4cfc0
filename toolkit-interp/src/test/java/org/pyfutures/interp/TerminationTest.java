package org.pyfutures.interp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Future;
import org.pyfutures.contract.ContractTasks;
import org.pyfutures.contract.Rendezvous;

/**
 * Termination of an interpreter pool happens-after the futures a shutdown drained from its queue are cancelled.
 * The shutting-down thread is held in a callback of the first drained future until the only worker (and its
 * interpreter) has gone, with the second drained future not yet cancelled.
 */
@Timeout(60)
class TerminationTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  @Test
  void terminationWaitsUntilShutdownHasCancelledTheQueuedFutures() throws Exception {
    assertTerminationWaitsForCancellation(pool -> pool.shutdown(false, true));
  }

  @Test
  void terminationWaitsUntilShutdownNowHasCancelledTheQueuedFutures() throws Exception {
    assertTerminationWaitsForCancellation(InterpreterPoolExecutor::shutdownNow);
  }

  private static void assertTerminationWaitsForCancellation(Consumer<InterpreterPoolExecutor> shutdown)
      throws Exception {
    String prefix = "Cancelling" + UNIQUE.incrementAndGet();
    InterpreterPoolExecutor pool =
        InterpreterPoolExecutor.builder().maxWorkers(1).threadNamePrefix(prefix).build();
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      // Waits at the gate uninterruptibly, so that shutdownNow cannot end it before the callback opens the gate.
      pool.submit(() -> ContractTasks.blockThenReturn(gate, "running", 1));
      rendezvous.awaitArrivals(1);
      Future<Integer> first = pool.submit(ContractTasks::mul, 1, 1);
      Future<Integer> second = pool.submit(ContractTasks::mul, 2, 1);
      AtomicBoolean terminatedMeanwhile = new AtomicBoolean(true);
      first.addDoneCallback(
          f -> {
            rendezvous.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> workerThreadsGone(prefix));
            terminatedMeanwhile.set(pool.isTerminated() || second.isDone());
          });
      shutdown.accept(pool);
      assertFalse(terminatedMeanwhile.get(), "terminated before the second queued future was cancelled");
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      assertTrue(second.isCancelled());
    } finally {
      pool.close();
    }
  }

  private static boolean workerThreadsGone(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(prefix + "_"));
  }
}
