package org.pyfutures.process.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.Task;
import org.pyfutures.process.OnWorkerDeath;
import org.pyfutures.process.WorkerExitedException;

/** The host's state transitions on worker exits, driven by fake processes: no JVM starts here. */
@Timeout(30)
class WorkerExitHandlingTest {

  static int one() {
    return 1;
  }

  private static ProcessPool pool(OnWorkerDeath onDeath, WorkerLauncher.Processes processes) {
    return new ProcessPool(HostTestConfigs.config(1, onDeath), PoolThreads.PLATFORM, processes);
  }

  @Test
  void underReplaceWorkerThreeWorkersThatDieBeforeReadyBreakThePoolAfterThreeLaunches() throws Exception {
    AtomicLong launches = new AtomicLong();
    ProcessPool pool = pool(OnWorkerDeath.REPLACE_WORKER, FakeProcess.launching(new byte[0], 1, launches));
    Future<Integer> f = pool.submit((Task<Integer>) WorkerExitHandlingTest::one);
    BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
    WorkerExitedException last = assertInstanceOf(WorkerExitedException.class, broken.getCause());
    assertEquals(1, last.exitCode());
    assertTrue(broken.getMessage().startsWith("3 worker processes in a row"), broken::getMessage);
    assertTrue(pool.awaitTermination(10_000_000_000L));
    assertEquals(3, launches.get());
  }

  @Test
  void underBreakPoolTheFirstWorkerThatDiesBreaksThePool() throws Exception {
    AtomicLong launches = new AtomicLong();
    ProcessPool pool = pool(OnWorkerDeath.BREAK_POOL, FakeProcess.launching(new byte[0], 134, launches));
    Future<Integer> f = pool.submit((Task<Integer>) WorkerExitHandlingTest::one);
    BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
    WorkerExitedException exit = assertInstanceOf(WorkerExitedException.class, broken.getCause());
    assertEquals("SIGABRT", exit.signal().orElseThrow());
    assertTrue(broken.getMessage().contains("before it was ready"), broken::getMessage);
    assertTrue(pool.awaitTermination(10_000_000_000L));
    assertEquals(1, launches.get());
  }

  @Test
  void aWorkerThatWritesSomethingOtherThanFramesIsNamedWithItsBytes() throws Exception {
    byte[] junk = "hello from a native library\n".getBytes(StandardCharsets.US_ASCII);
    ProcessPool pool = pool(OnWorkerDeath.REPLACE_WORKER, FakeProcess.launching(junk, 0, new AtomicLong()));
    Future<Integer> f = pool.submit((Task<Integer>) WorkerExitHandlingTest::one);
    BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
    assertTrue(broken.getMessage().contains("hello from a native library"), broken::getMessage);
    assertTrue(pool.awaitTermination(10_000_000_000L));
  }
}
