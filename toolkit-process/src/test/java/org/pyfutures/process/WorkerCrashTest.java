package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.MapOptions;
import org.pyfutures.contract.Rendezvous;

/**
 * A worker that dies abruptly breaks the pool: every pending future fails with its own
 * {@link BrokenProcessPoolException} naming the worker's pid and exit status, later submissions are rejected with
 * one, and nothing hangs.
 */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class WorkerCrashTest {

  private static void assertNamesPidAndStatus(Throwable t, long pid, String status) {
    assertTrue(t.getMessage().contains("pid " + pid), t::getMessage);
    assertTrue(t.getMessage().contains(status), t::getMessage);
  }

  @Test
  void taskCallingSystemExitBreaksThePoolWithItsStatus() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Integer> f = pool.submit(FaultTasks::exit, 7);
      assertNamesPidAndStatus(assertThrows(BrokenProcessPoolException.class, f::result), pid, "exit code 7");
      assertNamesPidAndStatus(
          assertThrows(BrokenProcessPoolException.class, () -> pool.submit(FaultTasks::pid)), pid, "exit code 7");
    }
  }

  @Test
  void taskCallingRuntimeHaltBreaksThePoolWithItsStatus() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Integer> f = pool.submit(FaultTasks::halt, 9);
      assertNamesPidAndStatus(assertThrows(BrokenProcessPoolException.class, f::result), pid, "exit code 9");
    }
  }

  @Test
  void killingAWorkerFailsEveryPendingFutureWithItsOwnException() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fs.add(pool.submit(() -> FaultTasks.blockThenPid(gate, "blocked")));
      }
      rendezvous.awaitArrivals(2);
      long victim = Long.parseLong(rendezvous.arrivals().get(0).split(" ")[1]);
      ProcessHandle.of(victim).orElseThrow().destroyForcibly();

      Set<Throwable> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Future<Long> f : fs) {
        BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
        assertNamesPidAndStatus(broken, victim, "exit code 137 (signal 9, SIGKILL)");
        distinct.add(broken);
      }
      assertEquals(fs.size(), distinct.size(), "each future gets its own exception");
      assertNamesPidAndStatus(
          assertThrows(BrokenProcessPoolException.class, () -> pool.submit(FaultTasks::pid)), victim, "SIGKILL");
    }
  }

  @Test
  void killingAnIdleWorkerBreaksThePool() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> rejectedAsBroken(pool));
    }
  }

  private static boolean rejectedAsBroken(ProcessPoolExecutor pool) {
    try {
      pool.submit(FaultTasks::pid);
      return false;
    } catch (BrokenProcessPoolException expected) {
      return true;
    }
  }

  /** The worker's stdout never ends while its child holds it open; the pool learns of the exit all the same. */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void workerDeathIsReportedEvenWhileAChildHoldsItsStdoutOpen() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      Future<Integer> f = pool.submit(FaultTasks::haltLeavingStdoutOpen, 20);
      BrokenProcessPoolException broken =
          assertThrows(BrokenProcessPoolException.class, () -> f.result(Duration.ofSeconds(15)));
      assertTrue(broken.getMessage().contains("exit code 3"), broken::getMessage);
    }
  }

  /**
   * A worker killed while the pool is still reading its reply from the pipe (the stream ends inside the payload)
   * fails that future with the worker's pid, like every other future it had, instead of leaving it running
   * forever. The reply, 512 KiB, is larger than a pipe holds and smaller than what goes through shared memory
   * (there, a reply is complete before its frame is sent: see SharedMemoryTransportTest).
   */
  @Test
  void aWorkerDyingWhileItsReplyIsReadFailsThatFutureNamingItsPid() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Payloads.HookedOnRead.killWorkerOnRead(pid);
      Future<Payloads.HookedOnRead> f = pool.submit(FaultTasks::hookedReply, 512 << 10);
      BrokenProcessPoolException broken =
          assertThrows(BrokenProcessPoolException.class, () -> f.result(Duration.ofSeconds(30)));
      assertTrue(broken.getMessage().contains("pid " + pid), broken::getMessage);
    } finally {
      Payloads.HookedOnRead.onRead = null;
    }
  }

  /**
   * A worker that exits (here: asked to, by shutdown) while the pool still decodes its last reply does not end the
   * pool early: termination waits for that future, however long decoding takes.
   */
  @Test
  void terminationWaitsForAReplyStillBeingDecodedAfterItsWorkerExited() throws Exception {
    java.util.concurrent.CountDownLatch decoding = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch finishDecoding = new java.util.concurrent.CountDownLatch(1);
    ProcessPoolExecutor pool = TestPools.pool(1);
    try {
      long pid = pool.submit(FaultTasks::pid).result();
      Payloads.HookedOnRead.onRead =
          () -> {
            decoding.countDown();
            try {
              finishDecoding.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      Future<Payloads.HookedOnRead> f = pool.submit(FaultTasks::hookedReply, 16);
      assertTrue(decoding.await(30, TimeUnit.SECONDS));
      pool.shutdown(false, false);
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
      // The worker is gone; the old fallback reported it 2 s after its exit and terminated the pool.
      assertFalse(pool.awaitTermination(4, TimeUnit.SECONDS), "terminated while a future was still being decoded");
      assertFalse(f.isDone());
      finishDecoding.countDown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      assertTrue(f.isDone());
      assertEquals(16, f.result().size());
    } finally {
      finishDecoding.countDown();
      Payloads.HookedOnRead.onRead = null;
      pool.shutdownNow();
    }
  }

  /** CPython's test_crash_big_data (gh-94777): a crash while large payloads are being written does not hang. */
  @Test
  void crashWhileLargePayloadsAreInFlightFailsTheMapWithoutHanging() {
    String data = "a".repeat((4 << 20) + 1);
    try (ProcessPoolExecutor pool = TestPools.pool(2)) {
      List<String> inputs = Collections.nCopies(10, data);
      assertThrows(
          BrokenProcessPoolException.class,
          () -> pool.map(FaultTasks::haltWithData, inputs).collect(Collectors.toList()));
    }
  }

  /** CPython's test_shutdown_deadlock: shutting down with wait right after a crash returns. */
  @Test
  void shutdownRightAfterACrashReturnsAndTheFutureIsBroken() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(2);
    Future<Integer> crash = pool.submit(FaultTasks::halt, 3);
    pool.shutdown(true, false);
    assertTrue(pool.isTerminated());
    assertThrows(BrokenProcessPoolException.class, crash::result);
  }

  /** CPython's test_shutdown_deadlock_pickle: a copy failure right before shutdown(wait=false) still terminates. */
  @Test
  void shutdownWithoutWaitAfterACopyFailureStillTerminates() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(2);
    assertEquals(42, pool.submit(FaultTasks::identity, 42).result());
    Future<Long> failing = pool.submit(FaultTasks::pidOf, new Payloads.FailsToWrite());
    pool.shutdown(false, false);
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(Causes.mentions(assertThrows(RuntimeException.class, failing::result), "cannot be written"));
  }

  /** Termination happens-after every future is complete, including futures failed by a crash or a shutdown. */
  @Test
  void terminationIsObservedOnlyOnceEveryFutureIsDone() throws Exception {
    for (int round = 0; round < 6; round++) {
      ProcessPoolExecutor pool = TestPools.pool(1);
      List<Future<Integer>> fs = new ArrayList<>();
      fs.add(pool.submit(FaultTasks::halt, 1));
      for (int i = 0; i < 5; i++) {
        fs.add(pool.submit(FaultTasks::identity, i));
      }
      if (round % 2 == 0) {
        pool.shutdown(false, true);
      }
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      for (Future<Integer> f : fs) {
        assertTrue(f.isDone(), () -> "not done at termination: " + f);
      }
    }
  }

  @Test
  void aBurstOfTenThousandSubmissionsCompletesInOrder() {
    try (ProcessPoolExecutor pool = TestPools.pool(2)) {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        fs.add(pool.submit(FaultTasks::identity, i));
      }
      for (int i = 0; i < fs.size(); i++) {
        assertEquals(i, fs.get(i).result());
      }
    }
  }

  @Test
  void aBurstOfSubmissionsWithHalfCancelledCompletesTheRest() {
    try (ProcessPoolExecutor pool = TestPools.pool(2)) {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        fs.add(pool.submit(FaultTasks::identity, i));
      }
      for (int i = 0; i < fs.size(); i += 2) {
        fs.get(i).cancel();
      }
      int cancelled = 0;
      for (int i = 0; i < fs.size(); i++) {
        Future<Integer> f = fs.get(i);
        if (f.isCancelled()) {
          cancelled++;
          assertEquals(0, i % 2, "only the futures we cancelled are cancelled");
        } else {
          assertEquals(i, f.result());
        }
      }
      assertTrue(cancelled > 4_000, "queued futures stay cancellable: " + cancelled);
    }
  }

  @Test
  void largePayloadsCrossBothWaysIntact() {
    byte[] bytes = new byte[16 << 20];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      // Not FaultTasks::identity: a second serializable reference to one generic method from this class would
      // deserialize as the first (JDK-8208752, which affects Java serialization of lambdas alike).
      byte[] back = pool.submit(FaultTasks::echoBlob, new Payloads.Blob(bytes)).result().bytes();
      assertTrue(java.util.Arrays.equals(bytes, back));
    }
  }

  @Test
  void workerThatCannotStartBreaksThePoolNamingWhatItSaid() {
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(1).jvmOptions(List.of("-XX:+NoSuchOptionAtAll")).build()) {
      Future<Long> f = pool.submit(FaultTasks::pid);
      BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
      assertTrue(broken.getMessage().contains("before it was ready"), broken::getMessage);
      assertTrue(broken.getMessage().contains("NoSuchOptionAtAll"), broken::getMessage);
    }
  }

  @Test
  void missingJavaExecutableBreaksThePool() {
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(1).javaExecutable(java.nio.file.Path.of("/nonexistent/java")).build()) {
      Future<Long> f = pool.submit(FaultTasks::pid);
      BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
      assertTrue(broken.getMessage().contains("Could not start a worker process"), broken::getMessage);
      assertFalse(pool.toString().contains("running"), pool::toString);
    }
  }
}
