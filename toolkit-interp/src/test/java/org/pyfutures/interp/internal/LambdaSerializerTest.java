package org.pyfutures.interp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Task;
import org.pyfutures.TaskFunction;
import org.pyfutures.internal.Serialization;

@Timeout(10)
class LambdaSerializerTest {
  private final ClassLoader host = LambdaSerializerTest.class.getClassLoader();
  private final Kryo writer = Serialization.newKryo(host, null);

  static Integer twice(Integer x) {
    return 2 * x;
  }

  private static Object read(Kryo kryo, byte[] bytes) {
    return Serialization.fromBytes(kryo, bytes);
  }

  @Test
  void aNonCapturingLambdaIsOneStatelessInstancePerLoader() throws Exception {
    TaskFunction<Integer, Integer> fn = LambdaSerializerTest::twice;
    byte[] bytes = Serialization.toBytes(writer, fn);
    try (InterpreterLoader isolated = isolatedLoader()) {
      Kryo reader = Serialization.newKryo(isolated, null);
      Object first = read(reader, bytes);
      assertSame(first, read(reader, bytes));
      assertSame(isolated, first.getClass().getClassLoader());
      assertNotSame(first, read(Serialization.newKryo(host, null), bytes));
      @SuppressWarnings("unchecked")
      TaskFunction<Integer, Integer> copy = (TaskFunction<Integer, Integer>) first;
      assertEquals(42, copy.apply(21));
    }
  }

  @Test
  void aCapturingLambdaGetsFreshCopiesOfWhatItCapturesOnEveryRead() throws Exception {
    List<String> captured = new ArrayList<>(List.of("x"));
    Task<List<String>> task = () -> captured;
    byte[] bytes = Serialization.toBytes(writer, task);
    Kryo reader = Serialization.newKryo(host, null);
    @SuppressWarnings("unchecked")
    Task<List<String>> a = (Task<List<String>>) read(reader, bytes);
    @SuppressWarnings("unchecked")
    Task<List<String>> b = (Task<List<String>>) read(reader, bytes);
    assertNotSame(a, b);
    a.call().add("changed");
    assertEquals(List.of("x"), b.call());
    assertEquals(List.of("x"), captured);
  }

  @Test
  void aLambdaClassWrittenAgainCarriesItsNewCapturedValues() throws Exception {
    Kryo reader = Serialization.newKryo(host, null);
    List<Class<?>> classes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int value = i;
      Task<Integer> task = () -> value;
      classes.add(task.getClass());
      assertEquals(i, ((Task<?>) read(reader, Serialization.toBytes(writer, task))).call());
    }
    assertEquals(1, classes.stream().distinct().count());
  }

  @Test
  void lambdasMixedWithOtherObjectsInOneGraphAllReadBack() throws Exception {
    String first = "one";
    int second = 2;
    Task<String> a = () -> first;
    Task<Integer> b = () -> second;
    TaskFunction<Integer, Integer> stateless = LambdaSerializerTest::twice;
    List<Object> graph = List.of(a, "between", b, stateless, 42, a);
    @SuppressWarnings("unchecked")
    List<Object> copy = (List<Object>) read(Serialization.newKryo(host, null), Serialization.toBytes(writer, graph));
    assertEquals("one", ((Task<?>) copy.get(0)).call());
    assertEquals("between", copy.get(1));
    assertEquals(2, ((Task<?>) copy.get(2)).call());
    @SuppressWarnings("unchecked")
    TaskFunction<Integer, Integer> twice = (TaskFunction<Integer, Integer>) copy.get(3);
    assertEquals(10, twice.apply(5));
    assertEquals(42, copy.get(4));
    assertSame(copy.get(0), copy.get(5));
  }

  @Test
  void aBoundMethodReferenceCarriesItsReceiver() throws Exception {
    String receiver = "py";
    TaskFunction<String, String> concat = receiver::concat;
    @SuppressWarnings("unchecked")
    TaskFunction<String, String> copy =
        (TaskFunction<String, String>) read(Serialization.newKryo(host, null), Serialization.toBytes(writer, concat));
    assertEquals("pyfutures", copy.apply("futures"));
  }

  @Test
  void capturedValuesAreCopiedLikeArgumentsEvenWhenNotSerializable() throws Exception {
    StringBuilder notSerializable = new StringBuilder("kept");
    Task<String> task = () -> notSerializable.toString();
    @SuppressWarnings("unchecked")
    Task<String> copy = (Task<String>) read(Serialization.newKryo(host, null), Serialization.toBytes(writer, task));
    assertEquals("kept", copy.call());
  }

  static final class CannotBeWritten implements com.esotericsoftware.kryo.kryo5.KryoSerializable {
    @Override
    public void write(Kryo kryo, com.esotericsoftware.kryo.kryo5.io.Output output) {
      throw new IllegalStateException("CannotBeWritten");
    }

    @Override
    public void read(Kryo kryo, com.esotericsoftware.kryo.kryo5.io.Input input) {}
  }

  @Test
  void aCapturedValueThatCannotBeWrittenFailsTheWrite() {
    Object captured = new CannotBeWritten();
    Task<Integer> task = () -> captured.hashCode();
    RuntimeException e = assertThrows(RuntimeException.class, () -> Serialization.toBytes(writer, task));
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertEquals("CannotBeWritten", root.getMessage());
  }

  @Test
  void aLambdaCrossesIntoAnIsolatedLoaderAsThatLoadersCode() throws Exception {
    try (InterpreterLoader isolated = isolatedLoader()) {
      int offset = 40;
      Task<Integer> task = () -> offset + 2;
      Object copy = read(Serialization.newKryo(isolated, null), Serialization.toBytes(writer, task));
      assertSame(isolated, copy.getClass().getClassLoader());
      assertEquals(42, ((Task<?>) copy).call());
    }
  }

  private InterpreterLoader isolatedLoader() {
    URL[] classPath =
        InterpreterContexts.applicationClassPath().stream().map(LambdaSerializerTest::url).toArray(URL[]::new);
    return new InterpreterLoader("interpreter-lambda", classPath, host, SharedPackages.with(List.of()));
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
