package org.pyfutures.interp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.contract.Rendezvous;

/**
 * A {@code static synchronized} method is a lock per class, hence per interpreter: interpreters run it in
 * parallel where the threads of one class loader take turns (a GIL in miniature).
 */
// Rendezvous.close() declares InterruptedException, which javac flags in try-with-resources.
@SuppressWarnings("try")
@Timeout(60)
class StaticLockTest {
  static final class Gil {
    /** Holds this class's monitor until the gate opens. */
    static synchronized String hold(Rendezvous.Gate gate, String tag) {
      gate.await(tag);
      return tag;
    }
  }

  @Test
  void twoInterpretersAreInsideTheSameStaticSynchronizedMethodAtOnce() throws Exception {
    try (Rendezvous rendezvous = new Rendezvous();
        InterpreterPoolExecutor pool = new InterpreterPoolExecutor(2)) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<String> a = pool.submit(() -> Gil.hold(gate, "a"));
      Future<String> b = pool.submit(() -> Gil.hold(gate, "b"));
      // Each arrival is reported from inside hold(), and nobody leaves before the gate opens: both are inside.
      rendezvous.awaitArrivals(2);
      rendezvous.open();
      assertEquals("a", a.result());
      assertEquals("b", b.result());
    }
  }

  @Test
  void twoThreadsOfAThreadPoolNeverAre() throws Exception {
    String prefix = "static-lock-threads";
    try (Rendezvous rendezvous = new Rendezvous();
        Executor pool = ThreadPoolExecutor.builder().maxWorkers(2).threadNamePrefix(prefix).build()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<String> a = pool.submit(() -> Gil.hold(gate, "a"));
      rendezvous.awaitArrivals(1);
      Future<String> b = pool.submit(() -> Gil.hold(gate, "b"));
      // The second worker is blocked on the monitor that the first one holds while it waits at the gate.
      ThreadInfo blocked =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> blockedWorker(prefix), info -> info != null);
      assertEquals(prefix + "_0", blocked.getLockOwnerName());
      assertEquals(List.of("a"), rendezvous.arrivals());
      rendezvous.open();
      assertEquals("a", a.result());
      assertEquals("b", b.result());
      assertEquals(List.of("a", "b"), rendezvous.arrivals());
    }
  }

  /** Returns the pool's worker that is blocked entering {@code Gil}'s monitor, if any. */
  private static ThreadInfo blockedWorker(String prefix) {
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
      if (info.getThreadName().startsWith(prefix)
          && info.getThreadState() == Thread.State.BLOCKED
          && info.getLockInfo() != null
          && info.getLockInfo().getIdentityHashCode() == System.identityHashCode(Gil.class)) {
        return info;
      }
    }
    return null;
  }
}
