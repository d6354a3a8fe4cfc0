package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.RemoteTraceback;

/**
 * A copy that fails at any of the four points (argument written here, read in the worker, result written there,
 * read here) fails that future only, with the cause, and the same worker serves the next task: CPython's
 * test_deadlock matrix, where two of these four break the pool.
 */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class SerializationFaultTest {

  private static void assertPoolStillServedBy(ProcessPoolExecutor pool, long pid) {
    assertEquals(pid, pool.submit(FaultTasks::pid).result(), "the same worker serves the next task");
  }

  @Test
  void argumentThatCannotBeWrittenFailsItsFutureInTheSubmittingThread() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Long> f = pool.submit(FaultTasks::pidOf, new Payloads.FailsToWrite());
      Throwable failure = assertThrows(RuntimeException.class, f::result);
      assertTrue(Causes.mentions(failure, "FailsToWrite cannot be written"), () -> "cause: " + failure);
      assertNull(Causes.remoteTraceback(failure), "this failure happened here, not in a worker");
      assertPoolStillServedBy(pool, pid);
    }
  }

  @Test
  void argumentThatCannotBeReadInTheWorkerFailsItsFutureWithTheWorkersCause() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Long> f = pool.submit(FaultTasks::pidOf, new Payloads.FailsToRead());
      Throwable failure = assertThrows(RuntimeException.class, f::result);
      assertTrue(Causes.mentions(failure, "FailsToRead cannot be read"), () -> "cause: " + failure);
      RemoteTraceback remote = Causes.remoteTraceback(failure);
      assertNotNull(remote, "the failure happened in the worker");
      assertEquals("worker pid " + pid, remote.where());
      assertPoolStillServedBy(pool, pid);
    }
  }

  @Test
  void resultThatCannotBeWrittenInTheWorkerFailsItsFuture() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Payloads.FailsToWrite> f = pool.submit(Payloads.FailsToWrite::new);
      Throwable failure = assertThrows(RuntimeException.class, f::result);
      assertTrue(Causes.mentions(failure, "FailsToWrite cannot be written"), () -> "cause: " + failure);
      assertEquals("worker pid " + pid, Causes.remoteTraceback(failure).where());
      assertPoolStillServedBy(pool, pid);
    }
  }

  @Test
  void resultThatCannotBeReadHereFailsItsFuture() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Payloads.FailsToRead> f = pool.submit(Payloads.FailsToRead::new);
      Throwable failure = assertThrows(RuntimeException.class, f::result);
      assertTrue(Causes.mentions(failure, "FailsToRead cannot be read"), () -> "cause: " + failure);
      assertPoolStillServedBy(pool, pid);
    }
  }

  @Test
  void argumentTooDeepToWriteFailsItsFutureWithStackOverflow() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Object deep = null;
      for (int i = 0; i < 1_000_000; i++) {
        deep = new Object[] {deep};
      }
      Future<Long> f = pool.submit(FaultTasks::pidOf, deep);
      Throwable failure = assertThrows(Throwable.class, f::result);
      assertTrue(
          Causes.chain(failure).stream().anyMatch(StackOverflowError.class::isInstance), () -> "cause: " + failure);
      assertPoolStillServedBy(pool, pid);
    }
  }

  @Test
  void largePayloadsThatCannotBeReadAreSkippedOnBothSides() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Long> argument = pool.submit(FaultTasks::pidOf, new Payloads.LargeFailsToRead());
      Future<Payloads.LargeFailsToRead> result = pool.submit(Payloads.LargeFailsToRead::new);
      assertTrue(Causes.mentions(assertThrows(RuntimeException.class, argument::result), "cannot be read"));
      assertTrue(Causes.mentions(assertThrows(RuntimeException.class, result::result), "cannot be read"));
      assertPoolStillServedBy(pool, pid);
    }
  }

  /** loky's test_queue_full_deadlock: many failing copies in a row leave nothing stuck behind them. */
  @Test
  void manyFailedCopiesThenManyGoodTasksAllComplete() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      List<Future<Long>> failing = new ArrayList<>();
      List<Future<Integer>> good = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        failing.add(pool.submit(FaultTasks::pidOf, new Payloads.FailsToRead()));
      }
      for (int i = 0; i < 100; i++) {
        good.add(pool.submit(FaultTasks::identity, i));
      }
      for (Future<Long> f : failing) {
        assertTrue(Causes.mentions(assertThrows(RuntimeException.class, f::result), "cannot be read"));
      }
      for (int i = 0; i < 100; i++) {
        assertEquals(i, good.get(i).result());
      }
    }
  }

  /** CPython's test_exit_at_task_unpickle: reading the argument ends the worker, which breaks the pool. */
  @Test
  void argumentWhoseReadingExitsTheWorkerBreaksThePoolNamingPidAndStatus() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Long> f = pool.submit(FaultTasks::pidOf, new Payloads.ExitsWhenRead());
      BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
      assertTrue(broken.getMessage().contains("pid " + pid), broken::getMessage);
      assertTrue(broken.getMessage().contains("exit code 5"), broken::getMessage);
      assertThrows(RejectedExecutionException.class, () -> pool.submit(FaultTasks::pid));
    }
  }
}
