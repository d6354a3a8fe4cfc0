package org.pyfutures.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.Task;
import org.pyfutures.TaskFunction;

@Timeout(30)
class SerializationTest {
  private final Kryo kryo = Serialization.newKryo(getClass().getClassLoader(), null);

  record Point(int x, List<String> tags) {}

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    return (T) Serialization.fromBytes(kryo, Serialization.toBytes(kryo, value));
  }

  static Integer plus(Integer a, Integer b) {
    return a + b;
  }

  @Test
  void everyTaskAdapterRoundTripsAndCrossesWithoutItsClassName() throws Exception {
    TaskFunction<Integer, Integer> twice = x -> 2 * x;
    org.pyfutures.TaskBiFunction<Integer, Integer, Integer> plus = SerializationTest::plus;
    List<Task<?>> tasks = List.of(
        new Tasks.Apply<>(twice, 21),
        new Tasks.ApplyBoth<>(plus, 40, 2),
        new Tasks.OfCallable<>((Task<Integer>) () -> 42),
        new Tasks.OfRunnable<>((Runnable & java.io.Serializable) () -> {}, 42),
        new Tasks.Chunk<>(twice, List.of(1, 2)),
        new Tasks.Apply<>(new Tasks.Unpair<>(plus), new Tasks.Pair<>(40, 2)));
    List<Object> results = new ArrayList<>();
    for (Task<?> task : tasks) {
      byte[] bytes = Serialization.toBytes(kryo, task);
      String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(!text.contains("Tasks$"), () -> task + " crossed with its class name");
      Task<?> copy = (Task<?>) Serialization.fromBytes(kryo, bytes);
      assertEquals(task.getClass(), copy.getClass());
      results.add(copy.call());
    }
    assertEquals(List.of(42, 42, 42, 42, List.of(2, 4), 42), results);
  }

  @Test
  void serializableLambdaCapturingValuesRoundTripsWithoutAddOpens() throws Exception {
    int offset = 40;
    Task<Integer> task = () -> offset + 2;
    Task<Integer> copy = roundTrip(task);
    assertNotSame(task, copy);
    assertEquals(42, copy.call());
  }

  @Test
  void methodReferenceRoundTrips() throws Exception {
    TaskFunction<String, Integer> length = String::length;
    assertEquals(5, roundTrip(length).apply("hello"));
  }

  static <T> T same(T value) {
    return value;
  }

  @Test
  void oneGenericMethodReferencedAtTwoTypesInOneClassRoundTripsAsEach() throws Exception {
    // JDK-8208752: the class's $deserializeLambda$ cannot tell these two apart and returns the first for both.
    TaskFunction<byte[], byte[]> bytes = SerializationTest::same;
    TaskFunction<Integer, Integer> ints = SerializationTest::same;
    assertEquals(7, roundTrip(ints).apply(7));
    assertArrayEquals(new byte[] {1, 2}, roundTrip(bytes).apply(new byte[] {1, 2}));
    assertEquals(8, roundTrip(ints).apply(8));
    assertEquals(9, roundTrip(roundTrip(ints)).apply(9), "the rebuilt lambda can be copied again");
  }

  record Prefix(String value) implements java.io.Serializable {
    <T> String join(T suffix) {
      return value + suffix;
    }
  }

  @Test
  void boundGenericMethodReferencedAtTwoTypesInOneClassRoundTripsAsEach() throws Exception {
    Prefix prefix = new Prefix("p");
    TaskFunction<Integer, String> ints = prefix::join;
    TaskFunction<List<String>, String> lists = prefix::join;
    assertEquals("p[a]", roundTrip(lists).apply(List.of("a")));
    assertEquals("p1", roundTrip(ints).apply(1));
  }

  @Test
  void recordsCollectionsAndCyclesRoundTrip() {
    Point p = new Point(3, List.of("a", "b"));
    assertEquals(p, roundTrip(p));
    assertEquals(Map.of("k", 1), roundTrip(Map.of("k", 1)));
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    List<Object> copy = roundTrip(cyclic);
    assertSame(copy, copy.get(0));
  }

  @Test
  void exceptionKeepsTypeMessageAndStackAndGainsRemoteTraceback() {
    IOException original = new IOException("disk on fire");
    Throwable restored = RemoteFailure.capture(kryo, original).restore(kryo, "worker pid 7");
    assertInstanceOf(IOException.class, restored);
    assertEquals("disk on fire", restored.getMessage());
    assertArrayEquals(original.getStackTrace(), restored.getStackTrace());
    RemoteTraceback where = assertInstanceOf(RemoteTraceback.class, restored.getSuppressed()[0]);
    assertEquals("worker pid 7", where.where());
    assertTrue(where.remoteTrace().contains("disk on fire"));
  }

  static final class Unserializable extends RuntimeException {
    final transient Object ignored = null;
    final Thread notSerializable = Thread.currentThread();

    Unserializable() {
      super("cannot travel");
    }
  }

  @Test
  void exceptionThatCannotBeSerializedArrivesAsExecutionFailed() {
    Throwable restored = RemoteFailure.capture(kryo, new Unserializable()).restore(kryo, "interpreter 1");
    ExecutionFailedException stand = assertInstanceOf(ExecutionFailedException.class, restored);
    assertEquals(Unserializable.class.getName(), stand.originalClassName());
    assertTrue(stand.getMessage().endsWith("cannot travel"));
    assertInstanceOf(RemoteTraceback.class, restored.getSuppressed()[0]);
  }
}
