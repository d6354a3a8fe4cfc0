package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.TaskFunction;

/** Records, collections, shared references and lambdas cross to a worker and back intact, with no JVM flags. */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class ValueTransportTest {
  enum Colour {
    RED,
    GREEN
  }

  record Inner(String name, Optional<Integer> size) {}

  record Outer(List<Inner> inners, Map<String, Colour> colours, TreeMap<Integer, String> sorted, byte[] bytes) {}

  static Outer echoOuter(Outer value) {
    return value;
  }

  static List<Object> echoList(List<Object> value) {
    return value;
  }

  static TaskFunction<Integer, Integer> adder(int offset) {
    return x -> x + offset;
  }

  @Test
  void recordsCollectionsAndArraysRoundTrip() {
    TreeMap<Integer, String> sorted = new TreeMap<>(Map.of(3, "c", 1, "a"));
    Outer value =
        new Outer(
            List.of(new Inner("a", Optional.of(1)), new Inner("b", Optional.empty())),
            Map.of("sky", Colour.GREEN),
            sorted,
            new byte[] {1, 2, 3});
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      Outer back = pool.submit(ValueTransportTest::echoOuter, value).result();
      assertEquals(value.inners(), back.inners());
      assertEquals(value.colours(), back.colours());
      assertEquals(sorted, back.sorted());
      assertArrayEquals(value.bytes(), back.bytes());
    }
  }

  @Test
  void sharedReferencesAndCyclesSurvive() {
    List<Object> cyclic = new ArrayList<>();
    Inner shared = new Inner("shared", Optional.empty());
    cyclic.add(shared);
    cyclic.add(shared);
    cyclic.add(cyclic);
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      List<Object> back = pool.submit(ValueTransportTest::echoList, cyclic).result();
      assertSame(back.get(0), back.get(1));
      assertSame(back, back.get(2));
    }
  }

  static <T> T same(T value) {
    return value;
  }

  @Test
  void oneGenericMethodReferencedAtTwoTypesInOneClassRunsAsEach() {
    // JDK-8208752 would hand the worker the byte[] reference for both submissions.
    TaskFunction<byte[], byte[]> bytes = ValueTransportTest::same;
    TaskFunction<Integer, Integer> ints = ValueTransportTest::same;
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      assertArrayEquals(new byte[] {1, 2}, pool.submit(bytes, new byte[] {1, 2}).result());
      assertEquals(7, pool.submit(ints, 7).result());
      assertEquals(List.of(1, 2, 3), pool.map(ints, List.of(1, 2, 3)).toList());
    }
  }

  @Test
  void capturingLambdasCrossBothWays() throws Exception {
    int base = 40;
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      assertEquals(42, pool.submit(() -> base + 2).result());
      TaskFunction<Integer, Integer> addFive = pool.submit(ValueTransportTest::adder, 5).result();
      assertEquals(12, addFive.apply(7));
    }
  }
}
