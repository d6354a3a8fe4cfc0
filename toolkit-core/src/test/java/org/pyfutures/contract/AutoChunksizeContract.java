package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.MapOptions;

/** {@code MapOptions.withAutoChunksize()}: the same results, order, buffering, timeout and cancellation. */
@Timeout(60)
public interface AutoChunksizeContract extends ContractSupport {

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  default void autoMeansChunksizeZeroAndZeroIsStillRejected() {
    MapOptions auto = MapOptions.defaults().withBuffersize(3).withAutoChunksize();
    assertEquals(0, auto.chunksize());
    assertTrue(auto.autoChunksize());
    assertEquals(3, auto.buffersize());
    assertEquals(5, auto.withChunksize(5).chunksize());
    assertThrows(IllegalArgumentException.class, () -> auto.withChunksize(0));
  }

  @Test
  default void autoGivesTheSameResultsInOrderAsAFixedChunksize() {
    try (Executor executor = newExecutor(2)) {
      List<Integer> input = range(3_000);
      MapOptions fixed = MapOptions.defaults().withChunksize(7);
      List<Integer> expected = executor.map((Integer i) -> i * 3, input, fixed).collect(Collectors.toList());
      assertEquals(input.stream().map(i -> i * 3).collect(Collectors.toList()), expected);
      MapOptions auto = MapOptions.defaults().withAutoChunksize();
      assertEquals(expected, executor.map((Integer i) -> i * 3, input, auto).collect(Collectors.toList()));
      // An input of unknown size, and two zipped inputs.
      assertEquals(expected, executor.map((Integer i) -> i * 3, input::iterator, auto).collect(Collectors.toList()));
      List<Integer> threes = Collections.nCopies(input.size(), 3);
      assertEquals(expected, executor.map(ContractTasks::mul, input, threes, auto).collect(Collectors.toList()));
    }
  }

  @Test
  default void autoWithBuffersizeConsumesAnInfiniteInput() {
    try (Executor executor = newExecutor(2)) {
      AtomicInteger drawn = new AtomicInteger();
      Iterable<Integer> forever =
          () ->
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
      MapOptions options = MapOptions.defaults().withBuffersize(2).withAutoChunksize();
      try (Stream<Integer> results = executor.map((Integer i) -> i + 1, forever, options)) {
        assertEquals(List.of(1, 2, 3), results.limit(3).collect(Collectors.toList()));
      }
      // Three results: 2 chunks buffered at the call, one more per step, and the sizer can decide to grow (at most
      // 64x, from 1) only once 4 elements completed, so no more than 4 chunks of 1 and one of 64 were drawn.
      assertTrue(drawn.get() <= 4 + 64, "drew " + drawn.get() + " elements for 3 results");
      try (Stream<Integer> results = executor.map((Integer i) -> i + 1, forever, options)) {
        List<Integer> got = results.limit(5_000).collect(Collectors.toList());
        assertEquals(5_000, got.size());
        for (int i = 1; i < got.size(); i++) {
          assertEquals(got.get(i - 1) + 1, got.get(i));
        }
      }
    }
  }

  @Test
  default void autoTimeoutThrowsAndCancelsWhatHasNotStarted() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      MapOptions options = MapOptions.defaults().withTimeout(Duration.ofMillis(200)).withAutoChunksize();
      List<Integer> got = new ArrayList<>();
      try (Stream<Integer> results =
          executor.map((Integer i) -> ContractTasks.blockThenReturn(gate, "m" + i, i), range(8), options)) {
        assertThrows(UncheckedTimeoutException.class, () -> results.forEach(got::add));
      }
      rendezvous.open();
      assertTrue(got.isEmpty());
      executor.shutdown(true, false);
      assertTrue(rendezvous.arrivals().size() < 8, "arrivals " + rendezvous.arrivals());
    }
  }

  @Test
  default void autoExceptionIsThrownInPlaceAfterEarlierResults() {
    try (Executor executor = newExecutor(2)) {
      MapOptions auto = MapOptions.defaults().withAutoChunksize();
      Iterator<Integer> results =
          executor.map(ContractTasks::divide, List.of(1, 1, 1, 1), List.of(2, 3, 0, 5), auto).iterator();
      assertEquals(0, results.next());
      assertEquals(0, results.next());
      assertThrows(ArithmeticException.class, results::next);
    }
  }

  @Test
  default void autoCountsEachElementAsATask() {
    Executor executor = newExecutor(2);
    assertEquals(500, executor.map((Integer i) -> i, range(500), MapOptions.defaults().withAutoChunksize()).count());
    executor.close();
    assertEquals(500, executor.stats().tasksSubmitted());
    assertEquals(500, executor.stats().tasksCompleted());
  }
}
