package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.ExecutorStats;
import org.pyfutures.Future;
import org.pyfutures.MapOptions;

/** {@code Executor.stats()}: what the counters count, on any executor; exact once the pool is closed. */
@Timeout(60)
public interface StatsContract extends ContractSupport {

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  default void aFreshPoolHasCountedNothing() {
    try (Executor executor = newExecutor(2)) {
      ExecutorStats stats = executor.stats();
      assertEquals(0, stats.tasksSubmitted());
      assertEquals(0, stats.tasksCompleted());
      assertEquals(0, stats.bytesSent());
      assertEquals(0, stats.bytesReceived());
      assertEquals(0.0, stats.copyShare());
    }
  }

  @Test
  default void resultsAndExceptionsCountAsCompletedTasks() throws Exception {
    Executor executor = newExecutor(2);
    Future<Integer> ok = executor.submit(ContractTasks::mul, 6, 7);
    Future<Integer> failed = executor.submit(ContractTasks::divide, 1, 0);
    assertEquals(42, ok.result());
    assertThrows(ExecutionException.class, failed::get);
    executor.close();
    ExecutorStats stats = executor.stats();
    assertEquals(2, stats.tasksSubmitted());
    assertEquals(2, stats.tasksCompleted());
    assertTrue(stats.copyShare() >= 0 && stats.copyShare() <= 1, "copy share " + stats.copyShare());
    // A pool that copies nothing has nothing to count as copying.
    assertEquals(stats.bytesSent() == 0, stats.copyTime().isZero(), stats.toString());
  }

  @Test
  default void aMapElementCountsAsOneTaskWhateverTheChunksize() {
    Executor executor = newExecutor(2);
    assertEquals(10, executor.map((Integer i) -> i, range(10), MapOptions.defaults().withChunksize(4)).count());
    assertEquals(7, executor.map((Integer i) -> i, range(7)).count());
    executor.close();
    ExecutorStats stats = executor.stats();
    assertEquals(17, stats.tasksSubmitted());
    assertEquals(17, stats.tasksCompleted());
  }

  @Test
  default void cancelledTasksAreSubmittedButNotCompleted() throws Exception {
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Executor executor = newExecutor(1);
      Future<String> blocking = executor.submit(() -> ContractTasks.blockThenReturn(gate, "b", "done"));
      rendezvous.awaitArrivals(1);
      Future<String> queued = executor.submit(() -> "never");
      assertTrue(queued.cancel());
      rendezvous.open();
      assertEquals("done", blocking.result());
      executor.close();
      ExecutorStats stats = executor.stats();
      assertEquals(2, stats.tasksSubmitted());
      assertEquals(1, stats.tasksCompleted());
    }
  }

  @Test
  default void countersOnlyGrow() {
    try (Executor executor = newExecutor(2)) {
      ExecutorStats before = executor.stats();
      executor.map((Integer i) -> i, range(20)).forEach(i -> {});
      ExecutorStats after = executor.stats();
      assertTrue(after.tasksSubmitted() >= before.tasksSubmitted() + 20);
      assertTrue(after.runTime().compareTo(before.runTime()) >= 0);
      assertTrue(after.copyTime().compareTo(before.copyTime()) >= 0);
      assertFalse(after.bytesSent() < before.bytesSent());
    }
  }
}
