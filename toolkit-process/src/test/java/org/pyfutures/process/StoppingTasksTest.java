package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.Future;
import org.pyfutures.Task;
import org.pyfutures.contract.Rendezvous;

/**
 * Stopping running work on a process pool: {@code cancel(true)} kills the task's worker and the pool carries on;
 * a task timeout does the same and fails the future with {@link TaskTimeoutException}; a worker over its memory
 * limit retires after its task. None of this breaks the pool, whatever {@link OnWorkerDeath} says.
 */
@Timeout(90)
@ExtendWith(NoLeftoverWorkers.class)
class StoppingTasksTest {

  static long spin() {
    long n = 0;
    for (; ; ) {
      n++;
      if (n == Long.MIN_VALUE) {
        return n;
      }
    }
  }

  static long sleepThenPid(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return ProcessHandle.current().pid();
  }

  private static final List<byte[]> LEAKED = new ArrayList<>();

  static long leak(int mebibytes) {
    for (int i = 0; i < mebibytes; i++) {
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) 1);
      LEAKED.add(block);
    }
    return ProcessHandle.current().pid();
  }

  private static long arrivedPid(Rendezvous rendezvous) throws InterruptedException {
    rendezvous.awaitArrivals(1);
    return Long.parseLong(rendezvous.arrivals().get(0).split(" ")[1]);
  }

  @Test
  void cancelTrueKillsTheRunningTasksWorkerAndThePoolCarriesOn() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> running = pool.submit(() -> FaultTasks.blockThenPid(gate, "running"));
      Future<Integer> queued = pool.submit(FaultTasks::identity, 7);
      long pid = arrivedPid(rendezvous);
      assertFalse(running.cancel(false), "cancel(false) never cancels a running future");
      assertTrue(running.cancel(true));
      assertTrue(running.isCancelled());
      assertThrows(CancellationException.class, running::result);
      await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
      assertEquals(7, queued.result());
      assertNotEquals(pid, pool.submit(FaultTasks::pid).result());
      assertFalse(pool.isShutdown());
    }
  }

  @Test
  void cancelTrueUnderReplaceWorkerNeverCountsAsACrash() throws Exception {
    try (ProcessPoolExecutor pool =
            TestPools.builder().maxWorkers(1).onWorkerDeath(OnWorkerDeath.REPLACE_WORKER).build()) {
      for (int i = 0; i < 4; i++) {
        try (Rendezvous rendezvous = new Rendezvous()) {
          Rendezvous.Gate gate = rendezvous.gate();
          Future<Long> running = pool.submit(() -> FaultTasks.blockThenPid(gate, "r"));
          rendezvous.awaitArrivals(1);
          assertTrue(running.cancel(true));
        }
      }
      assertEquals(1, pool.submit(FaultTasks::identity, 1).result());
    }
  }

  @Test
  void aTaskThatRunsTooLongFailsWithTaskTimeoutAndItsWorkerIsReplaced() {
    Duration timeout = Duration.ofSeconds(1);
    try (ProcessPoolExecutor pool = TestPools.builder().maxWorkers(1).taskTimeout(timeout).build()) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Long> spinning = pool.submit(StoppingTasksTest::spin);
      Future<Integer> next = pool.submit(FaultTasks::identity, 3);
      TaskTimeoutException e = assertThrows(TaskTimeoutException.class, spinning::result);
      assertEquals(timeout, e.timeout());
      assertTrue(e.getMessage().contains("pid " + pid), e::getMessage);
      assertEquals(3, next.result());
      assertNotEquals(pid, pool.submit(FaultTasks::pid).result());
      assertFalse(pool.isShutdown());
    }
  }

  @Test
  void timeQueuedInThePoolDoesNotCountTowardsTheTaskTimeout() {
    // Each task runs 1.5 s against a 2.5 s timeout; the second waits 1.5 s in the queue first, so counting queue
    // time would stop it at 2.5 s after submission, before its 3 s are up.
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(1).taskTimeout(Duration.ofMillis(2500)).build()) {
      pool.submit(FaultTasks::pid).result();
      Future<Long> first = pool.submit(StoppingTasksTest::sleepThenPid, 1500L);
      Future<Long> second = pool.submit(StoppingTasksTest::sleepThenPid, 1500L);
      assertEquals(first.result(), second.result(), "both ran on the same worker, none was stopped");
    }
  }

  @Test
  void aWorkerOverItsMemoryLimitRetiresAfterItsTask() {
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(1).maxWorkerMemory(256L << 20).build()) {
      long first = pool.submit(FaultTasks::pid).result();
      assertEquals(first, pool.submit(FaultTasks::pid).result(), "a worker under the limit is kept");
      assertEquals(first, pool.submit(StoppingTasksTest::leak, 400).result());
      long next = pool.submit(FaultTasks::pid).result();
      assertNotEquals(first, next, "the leaking worker was retired after its task");
      await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true));
      assertFalse(pool.isShutdown());
    }
  }

  @Test
  void shutdownNowCancelsRunningFuturesAndKillsTheirWorkers() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> running = pool.submit(() -> FaultTasks.blockThenPid(gate, "running"));
      arrivedPid(rendezvous);
      Future<Integer> queued = pool.submit(FaultTasks::identity, 1);
      List<Runnable> neverStarted = pool.shutdownNow();
      assertEquals(1, neverStarted.size());
      assertTrue(queued.isCancelled());
      assertTrue(running.isCancelled());
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void invokeAllWithATimeoutReturnsOnlyDoneFuturesAndStopsTheRunningOnes() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Callable<Long> blocked = (Task<Long>) () -> FaultTasks.blockThenPid(gate, "blocked");
      Callable<Long> quick = (Task<Long>) FaultTasks::pid;
      List<java.util.concurrent.Future<Long>> futures =
          pool.invokeAll(List.of(quick, blocked), 3, TimeUnit.SECONDS);
      assertTrue(futures.stream().allMatch(java.util.concurrent.Future::isDone));
      assertTrue(futures.get(1).isCancelled());
      assertTrue(futures.get(0).get() > 0);
      assertEquals(5, pool.submit(FaultTasks::identity, 5).result());
    }
  }
}
