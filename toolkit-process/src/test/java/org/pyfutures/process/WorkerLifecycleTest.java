package org.pyfutures.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.contract.Rendezvous;

/** How workers start, serve, are replaced and stop. */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class WorkerLifecycleTest {

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void closeReturnsOnlyOnceEveryWorkerProcessHasExited() throws Exception {
    Set<Long> pids = new HashSet<>();
    try (ProcessPoolExecutor pool = TestPools.pool(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        fs.add(pool.submit(() -> FaultTasks.blockThenPid(gate, "w")));
      }
      rendezvous.awaitArrivals(2);
      rendezvous.open();
      for (Future<Long> f : fs) {
        pids.add(f.result());
      }
    }
    assertEquals(2, pids.size());
    for (long pid : pids) {
      assertFalse(alive(pid), "worker " + pid + " outlived close()");
    }
  }

  @Test
  void maxTasksPerChildReplacesTheWorkerAfterThatManyTasks() {
    try (ProcessPoolExecutor pool = TestPools.builder().maxWorkers(1).maxTasksPerChild(3).build()) {
      List<Long> pids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        pids.add(pool.submit(FaultTasks::pid).result());
      }
      assertEquals(1, new HashSet<>(pids.subList(0, 3)).size(), "first three on one worker: " + pids);
      assertNotEquals(pids.get(0), pids.get(3), "the fourth on a fresh worker: " + pids);
      await().atMost(Duration.ofSeconds(10)).until(() -> !alive(pids.get(0)));
    }
  }

  /** CPython's gh-115634: pending work is not stranded when workers retire. */
  @ParameterizedTest
  @CsvSource({"1, 2, 6", "2, 2, 8"})
  void maxTasksPerChildNeverStrandsPendingWork(int maxWorkers, int maxTasks, int tasks) {
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(maxWorkers).maxTasksPerChild(maxTasks).build()) {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        fs.add(pool.submit(FaultTasks::identity, i * 2));
      }
      for (int i = 0; i < tasks; i++) {
        assertEquals(i * 2, fs.get(i).result(Duration.ofSeconds(30)));
      }
    }
  }

  @Test
  void initializerRunsOnceInEachWorker() {
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(1).initializer(FaultTasks::countInitialization).build()) {
      for (int i = 0; i < 3; i++) {
        assertEquals(1, pool.submit(FaultTasks::initializations).result());
      }
    }
  }

  @Test
  void taskOutputArrivesOnThisProcessStderrPrefixedWithTheWorker() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      assertEquals("hello from a task", pool.submit(FaultTasks::print, "hello from a task").result());
      String prefix = "worker 0 pid " + pid + "] ";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> captured.toString(StandardCharsets.UTF_8).contains(prefix + "hello from a task on stderr"));
      assertTrue(captured.toString(StandardCharsets.UTF_8).contains(prefix + "hello from a task\n"));
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void aLineATaskLeavesUnfinishedEndsWithTheTask() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      pool.submit(FaultTasks::printWithoutNewline, "unfinished").result();
      pool.submit(FaultTasks::print, "next task").result();
      String prefix = "worker 0 pid " + pid + "] ";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> captured.toString(StandardCharsets.UTF_8).contains(prefix + "next task on stderr"));
      String output = captured.toString(StandardCharsets.UTF_8);
      assertTrue(output.contains(prefix + "unfinished\n"), output);
      assertTrue(output.contains(prefix + "next task\n"), output);
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void stdinIsEmptyForTasks() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      assertEquals(-1, pool.submit(FaultTasks::readStdin).result());
    }
  }

  @Test
  void writingPastSystemOutToTheRealStdoutBreaksThePoolAndShowsWhatWasWritten() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      Future<Integer> f = pool.submit(FaultTasks::writeToRealStdout, "stray native output");
      BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
      assertTrue(broken.getMessage().contains("stray native output"), broken::getMessage);
    }
  }

  @Test
  void terminateWorkersFailsRunningWorkCancelsQueuedWorkAndStopsThePool() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> running = pool.submit(() -> FaultTasks.blockThenPid(gate, "r"));
      Future<Long> queued = pool.submit(FaultTasks::pid);
      rendezvous.awaitArrivals(1);
      long pid = Long.parseLong(rendezvous.arrivals().get(0).split(" ")[1]);
      pool.terminateWorkers();
      BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, running::result);
      assertTrue(broken.getMessage().contains("terminateWorkers()"), broken::getMessage);
      assertTrue(broken.getMessage().contains("SIGTERM"), broken::getMessage);
      assertTrue(queued.isCancelled());
      assertThrows(RejectedExecutionException.class, () -> pool.submit(FaultTasks::pid));
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      assertFalse(alive(pid));
    }
  }

  @Test
  void killWorkersKillsEvenAWorkerThatIgnoresTermination() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> running = pool.submit(() -> FaultTasks.ignoreTerminationThenBlock(gate, "r"));
      rendezvous.awaitArrivals(1);
      pool.killWorkers();
      BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, running::result);
      assertTrue(broken.getMessage().contains("killWorkers()"), broken::getMessage);
      assertTrue(broken.getMessage().contains("SIGKILL"), broken::getMessage);
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void terminateWorkersIsHarmlessWhenWorkersAreGoneOrNeverStarted() throws Exception {
    ProcessPoolExecutor neverUsed = TestPools.pool(1);
    neverUsed.terminateWorkers();
    assertTrue(neverUsed.awaitTermination(10, TimeUnit.SECONDS));

    ProcessPoolExecutor crashed = TestPools.pool(1);
    Future<Integer> f = crashed.submit(FaultTasks::halt, 1);
    assertThrows(BrokenProcessPoolException.class, f::result);
    crashed.terminateWorkers();
    crashed.killWorkers();
    assertTrue(crashed.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void environmentAndJvmOptionsReachTheWorkers() {
    try (ProcessPoolExecutor pool =
        TestPools.builder()
            .maxWorkers(1)
            .environment(Map.of("PYFUTURES_TEST_VARIABLE", "from the pool"))
            .jvmOptions(List.of("-XX:TieredStopAtLevel=1", "-Dpyfutures.test.property=set"))
            .build()) {
      assertEquals("from the pool", pool.submit(FaultTasks::env, "PYFUTURES_TEST_VARIABLE").result());
      assertEquals("set", pool.submit(FaultTasks::property, "pyfutures.test.property").result());
    }
  }

  @Test
  void kryoCustomizerConfiguresBothSides() {
    try (ProcessPoolExecutor pool =
        TestPools.builder()
            .maxWorkers(1)
            .kryoCustomizer(kryo -> kryo.register(Traced.class, new Traced.TracedSerializer()))
            .build()) {
      long worker = pool.submit(FaultTasks::pid).result();
      long self = ProcessHandle.current().pid();
      Traced back = pool.submit(Traced::traced, new Traced(List.of())).result();
      assertEquals(
          List.of("written in " + self, "read in " + worker, "written in " + worker, "read in " + self),
          back.hops);
    }
  }

  static final class NotSerializableCallable implements Callable<Integer> {
    @Override
    public Integer call() {
      return 1;
    }
  }

  @Test
  void taskThatIsNotSerializableIsRejectedAtSubmitNamingItsClass() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      RejectedExecutionException e =
          assertThrows(RejectedExecutionException.class, () -> pool.submit(new NotSerializableCallable()));
      assertTrue(e.getMessage().contains(NotSerializableCallable.class.getName()), e::getMessage);
    }
  }

  @Test
  void initializerThatCannotBeSerializedIsRejectedByTheBuilder() {
    Object cannotBeWritten = new Payloads.FailsToWrite();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProcessPoolExecutor.builder().initializer(() -> cannotBeWritten.hashCode()).build());
    assertTrue(e.getMessage().contains("FailsToWrite cannot be written"), e::getMessage);
  }

  @Test
  void builderRejectsJvmOptionsThatWriteToTheWorkersStdoutNamingTheOption() {
    for (String option :
        List.of("-verbose:gc", "-verbose", "-Xlog:gc", "-Xlog:gc*:stdout", "-Xlog:gc::uptime", "-Xlog",
            "--show-version")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ProcessPoolExecutor.builder().jvmOptions(List.of("-Xmx64m", option)));
      assertTrue(e.getMessage().contains(option + " would make the worker JVM write to its stdout"), e::getMessage);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProcessPoolExecutor.builder().jvmOptions(List.of("-verbose:gc")));
    assertTrue(e.getMessage().contains("-Xlog:gc:stderr"), e::getMessage);
  }

  @Test
  void jvmOptionsThatLogToStderrLeaveTheProtocolAlone() {
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(1).jvmOptions(List.of("-Xlog:gc*:stderr", "-showversion")).build()) {
      assertEquals(42, pool.submit(FaultTasks::identity, 42).result());
    }
  }

  @Test
  void builderRejectsInvalidSizes() {
    assertThrows(IllegalArgumentException.class, () -> ProcessPoolExecutor.builder().maxWorkers(0));
    assertThrows(IllegalArgumentException.class, () -> ProcessPoolExecutor.builder().maxTasksPerChild(0));
    assertThrows(IllegalArgumentException.class, () -> new ProcessPoolExecutor(-1));
  }

  @Test
  void shutdownWithWaitFromADoneCallbackReturnsInsteadOfWaitingForItself() throws Exception {
    ProcessPoolExecutor pool = TestPools.pool(1);
    Future<Integer> f = pool.submit(FaultTasks::identity, 1);
    Future<Boolean> shutdownReturned = new Future<>();
    f.addDoneCallback(
        done -> {
          pool.shutdown(true, false);
          shutdownReturned.setResult(true);
        });
    assertEquals(1, f.result());
    assertTrue(shutdownReturned.result(Duration.ofSeconds(30)));
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
  }

  /** CPython's test_del_shutdown: a pool nobody references is shut down, and its workers exit. */
  @Test
  void unreachablePoolIsShutDownAndItsWorkersExit() {
    long pid = startWorkerOfAnUnreferencedPool();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return !alive(pid);
            });
  }

  private static long startWorkerOfAnUnreferencedPool() {
    return TestPools.pool(1).submit(FaultTasks::pid).result();
  }
}
