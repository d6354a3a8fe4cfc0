package org.pyfutures.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.Future;
import org.pyfutures.contract.Rendezvous;

/**
 * Tasks sent ahead into a worker's pipe while its tasks are short: at most a bounded number per worker, the rest
 * stay cancellable in the pool; a task in the pipe that is cancelled does not cost its worker unless it runs on;
 * and one its worker never started runs on the replacement when the worker dies.
 */
@Timeout(90)
@ExtendWith(NoLeftoverWorkers.class)
class PipelineTest {
  /** The pool's pipeline depth for tiny tasks (WorkerHandle.PIPELINE). */
  private static final int PIPELINE = 8;

  /** Runs enough tiny tasks that the pool knows the worker's tasks are tiny; returns the worker's pid. */
  private static long warmUp(ProcessPoolExecutor pool) {
    for (int i = 0; i < 50; i++) {
      assertEquals(i, pool.submit(FaultTasks::identity, i).result());
    }
    return pool.submit(FaultTasks::pid).result();
  }

  /** Submits a task that blocks at {@code rendezvous}'s gate, and returns once it runs in a worker. */
  private static Future<Long> blockAWorker(ProcessPoolExecutor pool, Rendezvous rendezvous, String tag)
      throws InterruptedException {
    Rendezvous.Gate gate = rendezvous.gate();
    Future<Long> blocked = pool.submit(() -> FaultTasks.blockThenPid(gate, tag));
    rendezvous.awaitArrivals(1);
    return blocked;
  }

  @Test
  void aWorkerHoldsAtMostThePipelineDepthAndEveryOtherTaskStaysCancellable() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(1);
        Rendezvous rendezvous = new Rendezvous()) {
      warmUp(pool);
      Future<Long> blocked = blockAWorker(pool, rendezvous, "blocked");
      List<Future<Integer>> behind = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        behind.add(pool.submit(FaultTasks::identity, i));
      }
      long inPipe = behind.stream().filter(Future::isRunning).count();
      assertEquals(PIPELINE - 1, inPipe, "the blocked task and the tasks sent ahead behind it");
      for (int i = 0; i < behind.size(); i++) {
        assertEquals(i >= inPipe, behind.get(i).cancel(false), "cancel(false) of task " + i);
      }
      rendezvous.open();
      assertTrue(blocked.result() > 0);
      for (int i = 0; i < inPipe; i++) {
        assertEquals(i, behind.get(i).result());
      }
    }
  }

  @Test
  void cancellingShortTasksInThePipeDoesNotCostTheirWorker() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(1);
        Rendezvous rendezvous = new Rendezvous()) {
      long pid = warmUp(pool);
      Future<Long> blocked = blockAWorker(pool, rendezvous, "blocked");
      List<Future<Integer>> inPipe = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        inPipe.add(pool.submit(FaultTasks::identity, i));
      }
      for (Future<Integer> f : inPipe) {
        assertTrue(f.isRunning());
        assertTrue(f.cancel(true));
        assertTrue(f.isCancelled());
      }
      rendezvous.open();
      assertEquals(pid, blocked.result());
      assertEquals(pid, pool.submit(FaultTasks::pid).result(), "the worker ran the cancelled tasks out and lives");
    }
  }

  @Test
  void aCancelledTaskFromThePipeThatRunsOnIsStoppedWithItsWorker() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(1);
        Rendezvous rendezvous = new Rendezvous()) {
      long pid = warmUp(pool);
      Future<Long> blocked = blockAWorker(pool, rendezvous, "blocked");
      Future<Long> runaway = pool.submit(StoppingTasksTest::spin);
      assertTrue(runaway.isRunning(), "sent ahead into the worker's pipe");
      assertTrue(runaway.cancel(true));
      rendezvous.open();
      assertEquals(pid, blocked.result());
      await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
      assertNotEquals(pid, pool.submit(FaultTasks::pid).result());
      assertFalse(pool.isShutdown());
    }
  }

  @Test
  void tasksADeadWorkerNeverStartedRunOnItsReplacement() throws Exception {
    try (ProcessPoolExecutor pool =
            TestPools.builder().maxWorkers(1).onWorkerDeath(OnWorkerDeath.REPLACE_WORKER).build();
        Rendezvous rendezvous = new Rendezvous()) {
      long pid = warmUp(pool);
      Future<Long> victim = blockAWorker(pool, rendezvous, "victim");
      List<Future<Long>> inPipe = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        inPipe.add(pool.submit(FaultTasks::pidOf, i));
      }
      assertTrue(inPipe.stream().allMatch(Future::isRunning));
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      WorkerExitedException e = assertThrows(WorkerExitedException.class, victim::result);
      assertEquals(pid, e.pid());
      long replacement = inPipe.get(0).result();
      assertNotEquals(pid, replacement);
      for (Future<Long> f : inPipe) {
        assertEquals(replacement, f.result(), "ran on the replacement");
      }
    }
  }

  @Test
  void aTaskADeadWorkerNeverStartedGoesToAnIdleWorker() throws Exception {
    try (ProcessPoolExecutor pool =
            TestPools.builder().maxWorkers(2).onWorkerDeath(OnWorkerDeath.REPLACE_WORKER).build();
        Rendezvous first = new Rendezvous();
        Rendezvous second = new Rendezvous()) {
      // Both workers start, then learn that their tasks are tiny.
      try (Rendezvous both = new Rendezvous()) {
        Rendezvous.Gate gate = both.gate();
        List<Future<Long>> starting = List.of(
            pool.submit(() -> FaultTasks.blockThenPid(gate, "a")), pool.submit(() -> FaultTasks.blockThenPid(gate, "b")));
        both.awaitArrivals(2);
        both.open();
        starting.forEach(Future::result);
      }
      List<Future<Integer>> tiny = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        tiny.add(pool.submit(FaultTasks::identity, i));
      }
      tiny.forEach(Future::result);
      // The first worker blocks, the second too; a task is sent ahead into the first one's pipe.
      Future<Long> victim = blockAWorker(pool, first, "victim");
      long victimPid = Long.parseLong(first.arrivals().get(0).split(" ")[1]);
      Future<Long> other = blockAWorker(pool, second, "other");
      Future<Long> sentAhead = pool.submit(FaultTasks::pidOf, 1);
      assertTrue(sentAhead.isRunning(), "sent ahead behind one of the blocked tasks");
      // The second worker finishes and goes idle; then the first dies holding the task it never started.
      second.open();
      long otherPid = other.result();
      assertNotEquals(victimPid, otherPid);
      ProcessHandle.of(victimPid).orElseThrow().destroyForcibly();
      assertThrows(WorkerExitedException.class, victim::result);
      assertEquals(otherPid, sentAhead.result(Duration.ofSeconds(20)), "ran on the idle worker, without waiting");
    }
  }
}
