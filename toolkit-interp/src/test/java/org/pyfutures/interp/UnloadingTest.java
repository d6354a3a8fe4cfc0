package org.pyfutures.interp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Task;
import org.pyfutures.contract.Rendezvous;
import org.pyfutures.interp.hostside.LoaderProbe;

/** Closing the pool releases every interpreter's loader, so that its classes can be unloaded. */
// Rendezvous.close() declares InterruptedException, which javac flags in try-with-resources.
@SuppressWarnings("try")
@Timeout(60)
class UnloadingTest {
  /** Loaded only by name, after the pool is closed. */
  static final class NeverLoadedBeforeClose {}

  private static InterpreterPoolExecutor probedPool(int workers) {
    return InterpreterPoolExecutor.builder()
        .maxWorkers(workers)
        .sharedPackages(LoaderProbe.class.getPackageName())
        .build();
  }

  @Test
  void everyInterpretersLoaderIsCollectedAfterCloseWhileThePoolIsStillReachable() throws Exception {
    InterpreterPoolExecutor pool = probedPool(2);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      // Both tasks wait at the gate, so both interpreters start and record their loaders.
      Task<Integer> probe =
          () -> {
            LoaderProbe.recordCurrent();
            gate.await("probed");
            return 1;
          };
      var a = pool.submit(probe);
      var b = pool.submit(probe);
      rendezvous.awaitArrivals(2);
      rendezvous.open();
      assertEquals(2, a.result() + b.result());
    } finally {
      pool.close();
    }
    List<String> names = LoaderProbe.drainNames();
    assertEquals(2, names.size());
    assertTrue(names.stream().allMatch(n -> n.startsWith("interpreter-")), names.toString());
    List<WeakReference<ClassLoader>> loaders = LoaderProbe.drainReferences();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              System.gc();
              return loaders.stream().allMatch(ref -> ref.get() == null);
            });
    // Released by close, not by the pool becoming garbage.
    assertTrue(pool.isTerminated());
    Reference.reachabilityFence(pool);
  }

  @Test
  void aClosedInterpretersLoaderCanLoadNothingMore() throws Exception {
    try (InterpreterPoolExecutor pool = probedPool(1)) {
      pool.submit(
              () -> {
                LoaderProbe.keepCurrent();
                return 0;
              })
          .result();
    }
    ClassLoader closed = LoaderProbe.drainKept().get(0);
    assertThrows(ClassNotFoundException.class, () -> closed.loadClass(NeverLoadedBeforeClose.class.getName()));
    assertNull(closed.getResource("META-INF/services/org.pyfutures.interp.Greeter"));
  }
}
