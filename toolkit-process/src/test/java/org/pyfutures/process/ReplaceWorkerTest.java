package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.contract.Rendezvous;

/**
 * {@link OnWorkerDeath}: under REPLACE_WORKER only the dead worker's task fails, with a
 * {@link WorkerExitedException} that carries its exit status, and the rest runs on a replacement; a crash loop
 * still breaks the pool. Under BREAK_POOL, the exit status is the cause of every breakage.
 */
@Timeout(90)
@ExtendWith(NoLeftoverWorkers.class)
class ReplaceWorkerTest {

  private static ProcessPoolExecutor replacing(int workers) {
    return TestPools.builder().maxWorkers(workers).onWorkerDeath(OnWorkerDeath.REPLACE_WORKER).build();
  }

  @Test
  void onlyTheTaskOfAWorkerThatExitsFailsAndTheRestRun() {
    try (ProcessPoolExecutor pool = replacing(1)) {
      long firstPid = pool.submit(FaultTasks::pid).result();
      List<Future<Integer>> before = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        before.add(pool.submit(FaultTasks::identity, i));
      }
      Future<Integer> exits = pool.submit(FaultTasks::exit, 7);
      List<Future<Integer>> after = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        after.add(pool.submit(FaultTasks::identity, i));
      }
      for (int i = 0; i < 5; i++) {
        assertEquals(i, before.get(i).result());
      }
      WorkerExitedException e = assertThrows(WorkerExitedException.class, exits::result);
      assertEquals(firstPid, e.pid());
      assertEquals(7, e.exitCode());
      assertEquals(Optional.empty(), e.signal());
      for (int i = 0; i < 20; i++) {
        assertEquals(i, after.get(i).result());
      }
      assertNotEquals(firstPid, pool.submit(FaultTasks::pid).result());
    }
  }

  @Test
  void aWorkerKilledFromOutsideReportsSigkillAndIsReplaced() throws Exception {
    try (ProcessPoolExecutor pool = replacing(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> victim = pool.submit(() -> FaultTasks.blockThenPid(gate, "victim"));
      rendezvous.awaitArrivals(1);
      long pid = Long.parseLong(rendezvous.arrivals().get(0).split(" ")[1]);
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      WorkerExitedException e = assertThrows(WorkerExitedException.class, victim::result);
      assertEquals(pid, e.pid());
      assertEquals(137, e.exitCode());
      assertEquals(Optional.of("SIGKILL"), e.signal());
      assertEquals(42, pool.submit(FaultTasks::identity, 42).result());
      assertFalse(pool.isShutdown());
    }
  }

  @Test
  void threeWorkersInARowThatDieBeforeFinishingATaskBreakThePool() {
    try (ProcessPoolExecutor pool = replacing(1)) {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        futures.add(pool.submit(FaultTasks::halt, 3));
      }
      BrokenProcessPoolException broken = null;
      int exited = 0;
      for (Future<Integer> f : futures) {
        Throwable t = assertThrows(RuntimeException.class, f::result);
        if (t instanceof WorkerExitedException) {
          exited++;
        } else {
          broken = assertInstanceOf(BrokenProcessPoolException.class, t);
        }
      }
      assertEquals(2, exited, "the first two deaths fail only their own task");
      assertTrue(broken != null && broken.getCause() instanceof WorkerExitedException w && w.exitCode() == 3,
          () -> "cause: " + futures.get(4).exception());
      BrokenProcessPoolException later =
          assertThrows(BrokenProcessPoolException.class, () -> pool.submit(FaultTasks::pid));
      assertInstanceOf(WorkerExitedException.class, later.getCause());
    }
  }

  @Test
  void aWorkerThatFinishedATaskDoesNotCountTowardsACrashLoop() {
    try (ProcessPoolExecutor pool = replacing(1)) {
      for (int round = 0; round < 4; round++) {
        assertEquals(round, pool.submit(FaultTasks::identity, round).result());
        Future<Integer> dies = pool.submit(FaultTasks::halt, 5);
        assertInstanceOf(WorkerExitedException.class, dies.exception());
      }
      assertFalse(pool.isShutdown());
    }
  }

  @Test
  void underBreakPoolTheWorkersExitIsTheCauseOfEveryBreakage() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Integer> f = pool.submit(FaultTasks::exit, 9);
      BrokenProcessPoolException fromFuture = assertThrows(BrokenProcessPoolException.class, f::result);
      WorkerExitedException cause = assertInstanceOf(WorkerExitedException.class, fromFuture.getCause());
      assertEquals(pid, cause.pid());
      assertEquals(9, cause.exitCode());
      BrokenProcessPoolException fromSubmit =
          assertThrows(BrokenProcessPoolException.class, () -> pool.submit(FaultTasks::pid));
      assertInstanceOf(WorkerExitedException.class, fromSubmit.getCause());
    }
  }
}
