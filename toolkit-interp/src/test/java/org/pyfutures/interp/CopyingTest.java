package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Task;
import org.pyfutures.TaskFunction;

/** Tasks, arguments and results are copied across the boundary, arriving as the receiving side's classes. */
@Timeout(60)
class CopyingTest {
  record Point(int x, int y) {}

  record Shape(String name, List<Point> points, Map<String, Integer> tags) {}

  private static InterpreterPoolExecutor pool;

  @BeforeAll
  static void startPool() {
    pool = new InterpreterPoolExecutor(1);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  static String loaderOf(Object value) {
    return String.valueOf(value.getClass().getClassLoader().getName());
  }

  @Test
  void recordsAndCollectionsArriveAsTheInterpretersClassesAndReturnAsTheHosts() {
    Shape shape = new Shape("square", List.of(new Point(0, 0), new Point(1, 1)), Map.of("sides", 4));
    String seenInside =
        pool.submit(
                (Shape s) -> loaderOf(s) + " " + loaderOf(s.points().get(0)) + " " + s.equals(new Shape(
                    "square", List.of(new Point(0, 0), new Point(1, 1)), Map.of("sides", 4))),
                shape)
            .result();
    assertTrue(seenInside.matches("interpreter-\\d+ interpreter-\\d+ true"), seenInside);

    Shape grown =
        pool.submit(
                (Shape s) -> {
                  List<Point> points = new ArrayList<>(s.points());
                  points.add(new Point(2, 2));
                  Map<String, Integer> tags = new TreeMap<>(s.tags());
                  tags.put("grown", 1);
                  return new Shape(s.name(), points, tags);
                },
                shape)
            .result();
    assertEquals(
        new Shape("square", List.of(new Point(0, 0), new Point(1, 1), new Point(2, 2)),
            Map.of("sides", 4, "grown", 1)),
        grown);
    assertSame(Shape.class, grown.getClass());
    assertSame(Point.class, grown.points().get(2).getClass());
  }

  @Test
  void anArgumentIsACopySoMutatingItInsideLeavesTheHostsAlone() {
    List<String> hosts = new ArrayList<>(List.of("a"));
    TaskFunction<List<String>, Integer> mutate =
        list -> {
          list.add("b");
          return list.size();
        };
    assertEquals(2, pool.submit(mutate, hosts).result());
    assertEquals(List.of("a"), hosts);
  }

  @Test
  void theTaskIsCopiedWhenSubmittedSoLaterChangesToItsStateAreNotSeen() {
    List<String> captured = new ArrayList<>(List.of("at submit"));
    Task<List<String>> task = () -> captured;
    var future = pool.submit(task);
    captured.add("after submit");
    List<String> result = future.result();
    assertEquals(List.of("at submit"), result);
    assertNotSame(captured, result);
  }

  @Test
  void aLambdaMadeInsideAnInterpreterComesBackAsAHostLambda() throws Exception {
    TaskFunction<Integer, Integer> adder =
        pool.submit(
                () -> {
                  int offset = 40;
                  return (TaskFunction<Integer, Integer>) x -> x + offset;
                })
            .result();
    assertEquals(42, adder.apply(2));
    assertSame(CopyingTest.class.getClassLoader(), adder.getClass().getClassLoader());
  }

  static <T> T same(T value) {
    return value;
  }

  @Test
  void oneGenericMethodReferencedAtTwoTypesInOneClassRunsAsEach() {
    // JDK-8208752 would hand the interpreter the byte[] reference for both submissions.
    TaskFunction<byte[], byte[]> bytes = CopyingTest::same;
    TaskFunction<Integer, Integer> ints = CopyingTest::same;
    assertEquals(2, pool.submit(bytes, new byte[] {1, 2}).result().length);
    assertEquals(7, pool.submit(ints, 7).result());
    assertEquals(List.of(1, 2, 3), pool.map(ints, List.of(1, 2, 3)).toList());
  }

  @Test
  void aTaskCapturingSomethingThatCannotBeCopiedIsRejectedAtSubmitNamingIt() {
    Object uncopyable = new Uncopyable();
    RejectedExecutionException rejected =
        assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> uncopyable.hashCode()));
    assertTrue(rejected.getMessage().contains("Uncopyable cannot be written"), rejected.getMessage());
  }
}
