package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.contract.Rendezvous;

/** Done-callbacks that re-enter the pool, or wait for each other, never hang it. */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class CallbackReentryTest {

  @Test
  void aCallbackThatClosesThePoolWhileShutdownCancelsFuturesDoesNotDeadlock() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> running = pool.submit(() -> FaultTasks.blockThenPid(gate, "running"));
      rendezvous.awaitArrivals(1);
      Future<Integer> queued = pool.submit(FaultTasks::identity, 1);
      CountDownLatch closed = new CountDownLatch(1);
      queued.addDoneCallback(f -> {
        pool.close();
        closed.countDown();
      });
      pool.shutdown(false, true);
      assertTrue(closed.await(30, TimeUnit.SECONDS), "close() in the callback returned");
      assertTrue(queued.isCancelled());
      rendezvous.open();
      assertTrue(running.result() > 0);
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aCallbackOfABrokenPoolsFutureThatWaitsForALaterOneDoesNotBlockTermination() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> running = pool.submit(() -> FaultTasks.blockThenPid(gate, "running"));
      rendezvous.awaitArrivals(1);
      List<Future<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        queued.add(pool.submit(FaultTasks::identity, i));
      }
      Future<Integer> last = queued.get(4);
      AtomicReference<Throwable> seenByCallback = new AtomicReference<>();
      queued.get(0).addDoneCallback(f -> seenByCallback.set(last.exception(Duration.ofSeconds(30))));
      long pid = Long.parseLong(rendezvous.arrivals().get(0).split(" ")[1]);
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      assertInstanceOf(BrokenProcessPoolException.class, seenByCallback.get());
      assertInstanceOf(BrokenProcessPoolException.class, running.exception());
      assertEquals(5, queued.stream().filter(f -> f.exception() instanceof BrokenProcessPoolException).count());
    }
  }
}
