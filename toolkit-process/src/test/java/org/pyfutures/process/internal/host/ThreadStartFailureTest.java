package org.pyfutures.process.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.Task;
import org.pyfutures.process.OnWorkerDeath;

/** A pool thread that cannot start is reported where it happens, and leaves no future pending for ever. */
@Timeout(60)
class ThreadStartFailureTest {

  static int one() {
    return 1;
  }

  /** Fails the first {@code failures} starts of threads whose name contains {@code which}. */
  private static PoolThreads failing(String which, int failures) {
    AtomicInteger left = new AtomicInteger(failures);
    return (name, daemon, body) -> {
      if (name.contains(which) && left.getAndDecrement() > 0) {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
      }
      return PoolThreads.PLATFORM.start(name, daemon, body);
    };
  }

  @Test
  void aManagerThatCannotStartRejectsTheSubmissionAndTheNextOneWorks() throws Exception {
    ProcessPool pool =
        new ProcessPool(
            HostTestConfigs.config(1, OnWorkerDeath.BREAK_POOL), failing("manager", 1), WorkerLauncher.PROCESS_BUILDER);
    RejectedExecutionException e =
        assertThrows(RejectedExecutionException.class, () -> pool.submit((Task<Integer>) ThreadStartFailureTest::one));
    assertTrue(e.getCause() instanceof OutOfMemoryError, () -> "cause: " + e.getCause());
    Future<Integer> f = pool.submit((Task<Integer>) ThreadStartFailureTest::one);
    assertEquals(1, f.result());
    pool.shutdown(true, false);
    assertTrue(pool.isTerminated());
  }

  @Test
  void aWorkerThreadThatCannotStartBreaksThePoolInsteadOfHangingIt() throws Exception {
    ProcessPool pool =
        new ProcessPool(
            HostTestConfigs.config(1, OnWorkerDeath.BREAK_POOL), failing("reader", 1), WorkerLauncher.PROCESS_BUILDER);
    Future<Integer> f = pool.submit((Task<Integer>) ThreadStartFailureTest::one);
    BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
    assertTrue(broken.getCause() instanceof OutOfMemoryError, () -> "cause: " + broken.getCause());
    assertTrue(pool.awaitTermination(30_000_000_000L));
  }
}
