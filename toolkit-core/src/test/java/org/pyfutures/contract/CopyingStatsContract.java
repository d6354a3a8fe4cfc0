package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.ExecutorStats;
import org.pyfutures.MapOptions;

/**
 * {@code Executor.stats()} on a pool that copies tasks (interpreter and process pools): bytes each way, copy time
 * on both sides and run time measured where the task ran. Not part of {@link ExecutorContract}: the thread pool
 * copies nothing.
 */
@Timeout(60)
public interface CopyingStatsContract extends ContractSupport {
  /** Busy-waits until at least {@code nanos} have passed inside the task, so its run time has a lower bound. */
  static int spin(int nanos) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      Thread.onSpinWait();
    }
    return nanos;
  }

  static byte[] echo(byte[] bytes) {
    return bytes;
  }

  @Test
  default void bytesCopiedEachWayAreCounted() throws Exception {
    Executor executor = newExecutor(1);
    byte[] payload = new byte[100_000];
    payload[99_999] = 7;
    assertArrayEquals(payload, executor.submit(CopyingStatsContract::echo, payload).result());
    executor.close();
    ExecutorStats stats = executor.stats();
    assertTrue(stats.bytesSent() >= 100_000 && stats.bytesSent() < 110_000, stats.toString());
    assertTrue(stats.bytesReceived() >= 100_000 && stats.bytesReceived() < 110_000, stats.toString());
    assertTrue(stats.copyTime().compareTo(Duration.ZERO) > 0, stats.toString());
  }

  @Test
  default void runTimeIsMeasuredInsideTheTaskBody() {
    Executor executor = newExecutor(2);
    int nanos = 2_000_000;
    List<Integer> spins = IntStream.range(0, 5).map(i -> nanos).boxed().collect(Collectors.toList());
    assertEquals(spins, executor.map(CopyingStatsContract::spin, spins).collect(Collectors.toList()));
    executor.close();
    ExecutorStats stats = executor.stats();
    assertTrue(stats.runTime().compareTo(Duration.ofNanos(5L * nanos)) >= 0, stats.toString());
    assertTrue(stats.copyShare() > 0 && stats.copyShare() < 1, stats.toString());
  }

  @Test
  default void aMapChunkCountsItsElementsAndCrossesOnce() {
    Executor executor = newExecutor(2);
    List<Integer> input = IntStream.range(0, 100).boxed().collect(Collectors.toList());
    MapOptions chunked = MapOptions.defaults().withChunksize(50);
    assertEquals(input, executor.map((Integer i) -> i, input, chunked).collect(Collectors.toList()));
    ExecutorStats afterChunked = executor.stats();
    assertEquals(100, afterChunked.tasksSubmitted());
    assertEquals(input, executor.map((Integer i) -> i, input).collect(Collectors.toList()));
    executor.close();
    ExecutorStats stats = executor.stats();
    assertEquals(200, stats.tasksSubmitted());
    assertEquals(200, stats.tasksCompleted());
    // Two chunks carry the function twice; a hundred single tasks carry it a hundred times.
    long chunkedBytes = afterChunked.bytesSent();
    assertTrue(stats.bytesSent() - chunkedBytes > 10 * chunkedBytes, stats + " after chunks: " + afterChunked);
  }
}
