package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.MapOptions;

/** {@code Executor.map} (CPython's map tests, including buffersize and cancel-on-close). */
@Timeout(60)
public interface MapContract extends ContractSupport {

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  /** An endless input that counts how many elements were drawn from it. */
  private static Iterable<Integer> countingForever(AtomicInteger drawn) {
    return () ->
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Integer next() {
            return drawn.getAndIncrement();
          }
        };
  }

  @Test
  default void resultsComeInInputOrder() {
    try (Executor executor = newExecutor(3)) {
      List<Integer> expected = range(10).stream().map(i -> i * i).collect(Collectors.toList());
      assertEquals(expected, executor.map((Integer i) -> i * i, range(10)).collect(Collectors.toList()));
    }
  }

  @Test
  default void chunkedResultsEqualUnchunkedOnes() {
    try (Executor executor = newExecutor(2)) {
      List<Integer> expected = range(40).stream().map(i -> i * 3).collect(Collectors.toList());
      for (int chunksize : List.of(1, 3, 6, 40, 50)) {
        MapOptions options = MapOptions.defaults().withChunksize(chunksize);
        assertEquals(
            expected,
            executor.map((Integer i) -> i * 3, range(40), options).collect(Collectors.toList()),
            "chunksize " + chunksize);
      }
    }
  }

  @Test
  default void twoInputsZipToTheShorter() {
    try (Executor executor = newExecutor(2)) {
      assertEquals(
          List.of(0, 2, 4, 6),
          executor.map(ContractTasks::mul, range(4), List.of(2, 2, 2, 2, 2, 2)).collect(Collectors.toList()));
      assertEquals(List.of(), executor.map(ContractTasks::mul, range(0), range(5)).collect(Collectors.toList()));
    }
  }

  @Test
  default void badOptionsAreRejectedAtTheCall() {
    assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withChunksize(0));
    assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withChunksize(-1));
    assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withBuffersize(0));
    assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withBuffersize(-1));
    try (Executor executor = newExecutor(1)) {
      assertThrows(NullPointerException.class, () -> executor.map((Integer i) -> i, null));
    }
  }

  @Test
  default void exceptionIsThrownInPlaceAfterEarlierResults() {
    try (Executor executor = newExecutor(2)) {
      Iterator<Integer> results =
          executor.map(ContractTasks::divide, List.of(1, 1, 1, 1), List.of(2, 3, 0, 5)).iterator();
      assertEquals(0, results.next());
      assertEquals(0, results.next());
      assertThrows(ArithmeticException.class, results::next);
    }
  }

  @Test
  default void timeoutThrowsAndCancelsWhatHasNotStarted() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      MapOptions options = MapOptions.defaults().withTimeout(Duration.ofMillis(200));
      List<Integer> got = new ArrayList<>();
      try (Stream<Integer> results =
          executor.map((Integer i) -> ContractTasks.blockThenReturn(gate, "m" + i, i), range(8), options)) {
        assertThrows(UncheckedTimeoutException.class, () -> results.forEach(got::add));
      }
      rendezvous.open();
      assertTrue(got.isEmpty());
      executor.shutdown(true, false);
      // Only what had started by the timeout may have run: never all eight.
      assertTrue(rendezvous.arrivals().size() < 8, "arrivals " + rendezvous.arrivals());
    }
  }

  @Test
  default void closingTheStreamCancelsTasksNotYetStarted() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Stream<String> results =
          executor.map((Integer i) -> ContractTasks.blockThenReturn(gate, "m" + i, "r" + i), range(10));
      rendezvous.awaitArrivals(1);
      results.close();
      rendezvous.open();
      executor.shutdown(true, false);
      assertTrue(rendezvous.arrivals().size() < 10, "arrivals " + rendezvous.arrivals());
    }
  }

  @Test
  default void eagerMapRunsEveryTaskWithoutIteration() throws Exception {
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      try (Executor executor = newExecutor(2)) {
        executor.map((Integer i) -> ContractTasks.record(gate, i), range(10));
      }
      rendezvous.awaitArrivals(10);
      assertEquals(
          range(10).stream().map(String::valueOf).sorted().collect(Collectors.toList()),
          rendezvous.arrivals().stream().sorted().collect(Collectors.toList()));
    }
  }

  @Test
  default void buffersizeConsumesAnInfiniteInputLazily() {
    try (Executor executor = newExecutor(2)) {
      AtomicInteger drawn = new AtomicInteger();
      MapOptions options = MapOptions.defaults().withBuffersize(2);
      try (Stream<String> results = executor.map(String::valueOf, countingForever(drawn), options)) {
        assertEquals(List.of("0", "1", "2"), results.limit(3).collect(Collectors.toList()));
      }
      assertTrue(drawn.get() <= 2 + 3, "drew " + drawn.get() + " elements for 3 results");
    }
  }

  @Test
  default void buffersizeOverTwoInfiniteInputs() {
    try (Executor executor = newExecutor(2)) {
      AtomicInteger as = new AtomicInteger();
      AtomicInteger bs = new AtomicInteger();
      MapOptions options = MapOptions.defaults().withBuffersize(2);
      try (Stream<Integer> results =
          executor.map(Integer::sum, countingForever(as), countingForever(bs), options)) {
        assertEquals(List.of(0, 2, 4), results.limit(3).collect(Collectors.toList()));
      }
    }
  }

  @Test
  default void buffersizeDrawsNoMoreThanTheBufferBeforeIteration() {
    for (int buffersize : List.of(1, 2, 4, 8)) {
      try (Executor executor = newExecutor(2)) {
        assertEquals(
            List.of("0", "1", "2", "3"),
            executor.map(String::valueOf, range(4), MapOptions.defaults().withBuffersize(buffersize))
                .collect(Collectors.toList()));
      }
    }
    Iterator<Integer> ints = range(4).iterator();
    try (Executor executor = newExecutor(2)) {
      executor.map(String::valueOf, () -> ints, MapOptions.defaults().withBuffersize(2));
    }
    assertEquals(2, ints.next());
  }

  @Test
  default void buffersizeCountsChunksOnCopyingPools() {
    try (Executor executor = newExecutor(2)) {
      MapOptions options = MapOptions.defaults().withBuffersize(3).withChunksize(4);
      assertEquals(
          range(50).stream().map(i -> i + 1).collect(Collectors.toList()),
          executor.map((Integer i) -> i + 1, range(50), options).collect(Collectors.toList()));
    }
  }

  @Test
  default void emptyInputGivesNoResults() {
    try (Executor executor = newExecutor(1)) {
      assertEquals(0, executor.map(String::valueOf, List.<Integer>of()).count());
      assertEquals(
          0, executor.map(String::valueOf, List.<Integer>of(), MapOptions.defaults().withBuffersize(2)).count());
    }
  }

  @Test
  default void mapAfterShutdownIsRejected() {
    Executor executor = newExecutor(1);
    executor.close();
    assertThrows(RejectedExecutionException.class, () -> executor.map(String::valueOf, range(3)));
  }

  @Test
  default void shutdownRightAfterMapDoesNotHang() {
    for (int i = 0; i < 3; i++) {
      Executor executor = newExecutor(2);
      Stream<String> results = executor.map(String::valueOf, List.of(2, 2, 2, 2));
      executor.shutdown();
      assertEquals(List.of("2", "2", "2", "2"), results.collect(Collectors.toList()));
      executor.close();
    }
  }
}
