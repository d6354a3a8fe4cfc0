package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Future;
import org.pyfutures.Task;
import org.pyfutures.contract.Rendezvous;

/** Every interpreter has its own copy of each application class: its own statics and class initialization. */
// Rendezvous.close() declares InterruptedException, which javac flags in try-with-resources.
@SuppressWarnings("try")
@Timeout(60)
class StaticIsolationTest {
  static final class Counter {
    static final String LOADED_BY = String.valueOf(Counter.class.getClassLoader().getName());
    static int count;

    static int increment() {
      return ++count;
    }
  }

  static final class InitState {
    static String value;
  }

  @AfterEach
  void resetHostStatics() {
    Counter.count = 0;
    InitState.value = null;
  }

  @Test
  void statesOfAnInterpreterPersistAcrossItsTasksAndLeaveTheHostsUntouched() {
    Counter.count = 100;
    List<Integer> seen = new ArrayList<>();
    try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      for (int i = 0; i < 3; i++) {
        seen.add(pool.submit((Task<Integer>) Counter::increment).result());
      }
    }
    assertEquals(List.of(1, 2, 3), seen);
    assertEquals(100, Counter.count);
  }

  @Test
  void aNewPoolStartsFromFreshClassInitialization() {
    try (InterpreterPoolExecutor first = new InterpreterPoolExecutor(1)) {
      first.submit((Task<Integer>) Counter::increment).result();
    }
    try (InterpreterPoolExecutor second = new InterpreterPoolExecutor(1)) {
      assertEquals(1, second.submit((Task<Integer>) Counter::increment).result());
      String initializedIn = second.submit(() -> Counter.LOADED_BY).result();
      assertTrue(initializedIn.startsWith("interpreter-"), initializedIn);
    }
    assertEquals(0, Counter.count);
  }

  @Test
  void twoInterpretersOfOnePoolHaveSeparateStatics() throws Exception {
    try (Rendezvous rendezvous = new Rendezvous();
        InterpreterPoolExecutor pool = new InterpreterPoolExecutor(2)) {
      Rendezvous.Gate gate = rendezvous.gate();
      // Both tasks wait at the gate, so they occupy both interpreters at once.
      Future<String> a = pool.submit(() -> gate.awaitThen("a", "") + Counter.increment() + "@" + Counter.LOADED_BY);
      Future<String> b = pool.submit(() -> gate.awaitThen("b", "") + Counter.increment() + "@" + Counter.LOADED_BY);
      rendezvous.awaitArrivals(2);
      rendezvous.open();
      String resultA = a.result();
      String resultB = b.result();
      assertTrue(resultA.startsWith("1@interpreter-"), resultA);
      assertTrue(resultB.startsWith("1@interpreter-"), resultB);
      assertNotEquals(resultA, resultB);
    }
  }

  @Test
  void theInitializerRunsInsideEachInterpreterNotInTheHost() {
    InterpreterPoolExecutor pool =
        InterpreterPoolExecutor.builder()
            .maxWorkers(1)
            .initializer(() -> InitState.value = "initialized in " + Counter.LOADED_BY)
            .build();
    try (pool) {
      String inside = pool.submit(() -> InitState.value).result();
      assertTrue(inside.startsWith("initialized in interpreter-"), inside);
    }
    assertNull(InitState.value);
  }
}
