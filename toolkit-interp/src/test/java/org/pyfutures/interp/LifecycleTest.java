package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.BrokenInterpreterPoolException;
import org.pyfutures.Future;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.contract.Rendezvous;
import org.pyfutures.interp.hostside.SharedCounter;

/** Building, naming, breaking and stopping an interpreter pool. */
// Rendezvous.close() declares InterruptedException, which javac flags in try-with-resources.
@SuppressWarnings("try")
@Timeout(60)
class LifecycleTest {
  static final class InitFailure extends RuntimeException {
    InitFailure(String message) {
      super(message);
    }
  }

  static String threadAndLoader() {
    return Thread.currentThread().getName() + " " + LifecycleTest.class.getClassLoader().getName();
  }

  @Test
  void aFailingInitializerBreaksThePoolWithTheInitializersExceptionAsCause() {
    InterpreterPoolExecutor pool =
        InterpreterPoolExecutor.builder()
            .maxWorkers(1)
            .initializer(
                () -> {
                  throw new InitFailure("no init");
                })
            .build();
    try (pool) {
      Future<Integer> future = pool.submit(() -> 1);
      BrokenInterpreterPoolException broken =
          assertThrows(BrokenInterpreterPoolException.class, future::result);
      InitFailure cause = assertInstanceOf(InitFailure.class, broken.getCause());
      assertEquals("no init", cause.getMessage());
      assertInstanceOf(RemoteTraceback.class, cause.getSuppressed()[0]);
      assertThrows(BrokenInterpreterPoolException.class, () -> pool.submit(() -> 2));
    }
  }

  @Test
  void anInitializerThatCannotBeCopiedIsRejectedByBuild() {
    Object uncopyable = new Uncopyable();
    InterpreterPoolExecutor.Builder builder =
        InterpreterPoolExecutor.builder().initializer(() -> uncopyable.hashCode());
    IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(rejected.getMessage().contains("cannot be copied"), rejected.getMessage());
  }

  @Test
  void builderBuildsAnInterpreterPoolNotTheInheritedThreadPool() {
    ThreadPoolExecutor.Builder asThreadPoolBuilder = InterpreterPoolExecutor.builder().maxWorkers(1);
    try (ThreadPoolExecutor pool = asThreadPoolBuilder.build()) {
      assertInstanceOf(InterpreterPoolExecutor.class, pool);
      assertTrue(pool.submit(() -> Thread.currentThread().getName()).result().startsWith("InterpreterPoolExecutor-"));
    }
  }

  @Test
  void threadsAreNamedInterpreterPoolExecutorKUnderscoreNByDefault() {
    try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      String name = pool.submit(() -> Thread.currentThread().getName()).result();
      assertTrue(name.matches("InterpreterPoolExecutor-\\d+_0"), name);
    }
  }

  @Test
  void aCustomPrefixNamesTheThreads() {
    try (InterpreterPoolExecutor pool =
        InterpreterPoolExecutor.builder().maxWorkers(1).threadNamePrefix("interp").build()) {
      assertEquals("interp_0", pool.submit(() -> Thread.currentThread().getName()).result());
    }
  }

  @Test
  void eachWorkerKeepsOneInterpreterForAllItsTasks() {
    Set<String> seen = new HashSet<>();
    try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      for (int i = 0; i < 5; i++) {
        seen.add(pool.submit(LifecycleTest::threadAndLoader).result());
      }
    }
    assertEquals(1, seen.size(), seen.toString());
    assertTrue(seen.iterator().next().matches(".*_0 interpreter-\\d+"), seen.toString());
  }

  @Test
  void shutdownNowReturnsQueuedTasksThatRunAsHostCopies() throws Exception {
    try (Rendezvous rendezvous = new Rendezvous();
        InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> running = pool.submit(() -> gate.awaitThen("running", 1));
      rendezvous.awaitArrivals(1);
      Future<Integer> queued = pool.submit(SharedCounter::increment);
      List<Runnable> neverStarted = pool.shutdownNow();
      assertTrue(queued.isCancelled());
      assertEquals(1, neverStarted.size());
      int before = SharedCounter.get();
      neverStarted.get(0).run();
      assertEquals(before + 1, SharedCounter.get());
      assertTrue(running.isCancelled(), "shutdownNow cancels the running task's future");
      rendezvous.open();
    }
  }
}
