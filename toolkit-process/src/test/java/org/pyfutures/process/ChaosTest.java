package org.pyfutures.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.Future;

/**
 * Chaos, bounded: 2 workers under REPLACE_WORKER run 10,000 echo tasks with payloads from 0 B to 1 MiB while a
 * worker is killed with SIGKILL about every 200 ms. Every future ends with its own
 * payload back or a {@link WorkerExitedException}; none hangs; afterwards no worker JVM, pool thread or file
 * descriptor is left that was not there before. Only workers that have returned a result are killed: a worker
 * killed before it finishes a task counts towards a crash loop, which would break the pool by design.
 */
@Timeout(120)
@ExtendWith(NoLeftoverWorkers.class)
class ChaosTest {
  private static final int TASKS = 10_000;
  private static final int[] SIZES = {0, 10, 1_000, 10_000, 100_000, 1 << 20};
  // Mostly small payloads, a few large ones: 1 in 100 is 1 MiB.
  private static final int[] WEIGHTS = {20, 30, 20, 15, 14, 1};

  /** What a task returns: its payload, and the worker it ran in. */
  record Echoed(long pid, byte[] bytes) implements java.io.Serializable {}

  static Echoed echo(byte[] bytes) {
    return new Echoed(ProcessHandle.current().pid(), bytes);
  }

  private static int pickSize(Random random) {
    int r = random.nextInt(100);
    for (int i = 0; i < SIZES.length; i++) {
      r -= WEIGHTS[i];
      if (r < 0) {
        return SIZES[i];
      }
    }
    return 0;
  }

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static Set<String> poolThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("ProcessPoolExecutor-"))
        .collect(Collectors.toSet());
  }

  @Test
  void everyFutureEndsWithItsResultOrItsWorkersExitAndNothingIsLeftBehind() throws Exception {
    // Warm up once, so that what the JVM opens for good (jars, the class-data-sharing archive) is counted before.
    try (ProcessPoolExecutor warm = TestPools.pool(2)) {
      warm.map(ChaosTest::echo, List.of(new byte[10], new byte[10])).toList();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> poolThreads().isEmpty());
    long fdsBefore = openFileDescriptors();

    Random random = new Random(20261206);
    AtomicInteger kills = new AtomicInteger();
    ScheduledExecutorService monkey = Executors.newSingleThreadScheduledExecutor();
    List<byte[]> inputs = new ArrayList<>(TASKS);
    List<Future<Echoed>> futures = new ArrayList<>(TASKS);
    Set<Long> proven = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (ProcessPoolExecutor pool =
        TestPools.builder().maxWorkers(2).onWorkerDeath(OnWorkerDeath.REPLACE_WORKER).build()) {
      monkey.scheduleWithFixedDelay(
          () -> {
            List<ProcessHandle> candidates =
                NoLeftoverWorkers.workers().stream().filter(p -> proven.contains(p.pid())).toList();
            if (!candidates.isEmpty()) {
              candidates.get(random.nextInt(candidates.size())).destroyForcibly();
              kills.incrementAndGet();
            }
          },
          200,
          200,
          TimeUnit.MILLISECONDS);
      for (int i = 0; i < TASKS; i++) {
        byte[] input = new byte[pickSize(random)];
        random.nextBytes(input);
        inputs.add(input);
        Future<Echoed> f = pool.submit(ChaosTest::echo, input);
        f.addDoneCallback(
            done -> {
              if (done.exception() == null) {
                proven.add(done.result().pid());
              }
            });
        futures.add(f);
      }
      int returned = 0;
      int exited = 0;
      for (int i = 0; i < TASKS; i++) {
        try {
          assertArrayEquals(inputs.get(i), futures.get(i).get(60, TimeUnit.SECONDS).bytes(), "task " + i);
          returned++;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof WorkerExitedException)) {
            fail("task " + i + " failed with something other than its worker's exit", e.getCause());
          }
          exited++;
        }
      }
      monkey.shutdownNow();
      assertTrue(monkey.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(TASKS, returned + exited);
      assertTrue(kills.get() > 0, "the monkey killed no worker");
      // A worker's death fails at most what it holds: the task it runs, one waiting in its pipe, and the one
      // whose reply its death may cut off.
      assertTrue(exited <= 3 * kills.get(), exited + " futures failed for " + kills.get() + " kills");
    } finally {
      monkey.shutdownNow();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> NoLeftoverWorkers.workers().isEmpty());
    await().atMost(Duration.ofSeconds(30)).until(() -> poolThreads(), Set::isEmpty);
    await("file descriptors closed").atMost(Duration.ofSeconds(30)).until(() -> openFileDescriptors() <= fdsBefore);
  }
}
