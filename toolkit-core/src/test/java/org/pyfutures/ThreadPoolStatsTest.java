package org.pyfutures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.contract.CopyingStatsContract;

/** {@code stats()} on the thread pool: nothing is copied, run time is counted, map never chunks. */
@Timeout(60)
class ThreadPoolStatsTest {
  @Test
  void threadsCopyNothingAndCountRunTime() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(2);
    int nanos = 1_000_000;
    List<Integer> spins = IntStream.range(0, 4).map(i -> nanos).boxed().collect(Collectors.toList());
    MapOptions options = MapOptions.defaults().withChunksize(3);
    assertEquals(spins, executor.map(CopyingStatsContract::spin, spins, options).collect(Collectors.toList()));
    executor.close();
    ExecutorStats stats = executor.stats();
    assertEquals(new ExecutorStats(4, 4, 0, 0, Duration.ZERO, stats.runTime()), stats);
    assertTrue(stats.runTime().compareTo(Duration.ofNanos(4L * nanos)) >= 0, stats.toString());
    assertEquals(0.0, stats.copyShare());
  }

  @Test
  void copyShareIsCopyOverCopyPlusRun() {
    assertEquals(0.25, new ExecutorStats(1, 1, 1, 1, Duration.ofNanos(1), Duration.ofNanos(3)).copyShare());
    assertEquals(0.0, new ExecutorStats(0, 0, 0, 0, Duration.ZERO, Duration.ZERO).copyShare());
  }
}
