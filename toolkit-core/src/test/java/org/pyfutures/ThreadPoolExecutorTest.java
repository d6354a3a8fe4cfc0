package org.pyfutures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.google.common.util.concurrent.Uninterruptibles;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is specific to the thread pool; the shared behaviour is in the contract suite. */
@Timeout(30)
class ThreadPoolExecutorTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private static List<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix + "_"))
        .toList();
  }

  @Test
  void threadsAreNamedWithTheGivenPrefix() throws Exception {
    try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("SpecialPool").build()) {
      CountDownLatch allStarted = new CountDownLatch(5);
      CountDownLatch release = new CountDownLatch(1);
      List<Future<String>> names = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        names.add(
            pool.submit(
                () -> {
                  allStarted.countDown();
                  release.await();
                  return Thread.currentThread().getName();
                }));
      }
      assertTrue(allStarted.await(10, TimeUnit.SECONDS));
      release.countDown();
      for (Future<String> name : names) {
        assertTrue(name.result().matches("^SpecialPool_[0-4]$"), name.result());
      }
    }
  }

  @Test
  void defaultPrefixNumbersThePool() {
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
      String name = pool.submit(() -> Thread.currentThread().getName()).result();
      assertTrue(name.matches("^ThreadPoolExecutor-\\d+_0$"), name);
    }
  }

  @Test
  void noThreadStartsBeforeTheFirstSubmission() {
    String prefix = "Lazy" + UNIQUE.incrementAndGet();
    try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().threadNamePrefix(prefix).build()) {
      assertTrue(threadsNamed(prefix).isEmpty());
      pool.submit(() -> 1).result();
      assertEquals(1, threadsNamed(prefix).size());
    }
  }

  @Test
  void defaultMaxWorkersIsCpusPlusFourCappedAt32() {
    int expected = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    assertEquals(expected, ThreadPoolExecutor.defaultMaxWorkers());
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor()) {
      assertEquals(expected, pool.maxWorkers());
    }
  }

  @Test
  void builderRejectsBadInputAtTheCall() {
    assertThrows(IllegalArgumentException.class, () -> ThreadPoolExecutor.builder().maxWorkers(0));
    assertThrows(IllegalArgumentException.class, () -> new ThreadPoolExecutor(-3));
    assertThrows(NullPointerException.class, () -> ThreadPoolExecutor.builder().threadNamePrefix(null));
    assertThrows(NullPointerException.class, () -> ThreadPoolExecutor.builder().initializer(null));
  }

  @Test
  void virtualThreadWorkersAreVirtualAndPlatformOnesAreDaemonsThatNeverKeepTheJvmAlive() {
    try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().virtualThreads(true).build()) {
      assertTrue(pool.submit(() -> Thread.currentThread().isVirtual()).result());
    }
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
      assertFalse(pool.submit(() -> Thread.currentThread().isVirtual()).result());
      assertTrue(pool.submit(() -> Thread.currentThread().isDaemon()).result());
    }
  }

  @Test
  void thousandsOfBlockedTasksRunAtOnceOnVirtualThreads() throws Exception {
    int tasks = 2_000;
    try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(tasks).virtualThreads(true).build()) {
      CountDownLatch allWaiting = new CountDownLatch(tasks);
      CountDownLatch release = new CountDownLatch(1);
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        fs.add(
            pool.submit(
                () -> {
                  allWaiting.countDown();
                  return release.await(20, TimeUnit.SECONDS);
                }));
      }
      assertTrue(allWaiting.await(20, TimeUnit.SECONDS), "every task was waiting at the same time");
      release.countDown();
      for (Future<Boolean> f : fs) {
        assertTrue(f.result());
      }
    }
  }

  @Test
  void plainLambdasNeedNotBeSerializableOnThreads() {
    Object notSerializable = new Object();
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
      Runnable runnable = () -> notSerializable.hashCode();
      assertEquals("ran", pool.submit(runnable, "ran").result());
    }
  }

  @Test
  void shutdownNowInterruptsRunningTasksAndCancelsTheirFutures() throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Throwable> stoppedWith = new CompletableFuture<>();
    Future<Object> blocked =
        pool.submit(
            () -> {
              started.countDown();
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                stoppedWith.complete(e);
                throw e;
              }
              return "never";
            });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    pool.shutdownNow();
    assertTrue(blocked.isCancelled());
    assertInstanceOf(InterruptedException.class, stoppedWith.get(10, TimeUnit.SECONDS));
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void shutdownNowInterruptsAWorkerStillRunningItsInitializer() throws Exception {
    CountDownLatch initializing = new CountDownLatch(1);
    ThreadPoolExecutor pool =
        ThreadPoolExecutor.builder()
            .maxWorkers(1)
            .initializer(
                () -> {
                  initializing.countDown();
                  new CountDownLatch(1).await();
                })
            .build();
    Future<Integer> queued = pool.submit(() -> 1);
    assertTrue(initializing.await(10, TimeUnit.SECONDS));
    assertEquals(1, pool.shutdownNow().size());
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertTrue(queued.isCancelled());
  }

  /**
   * Termination must happen-after the futures a shutdown drained from the queue are cancelled. Here the
   * shutting-down thread is held in a callback of the first drained future until the only worker has exited,
   * with the second drained future not yet cancelled.
   */
  @Test
  void terminationWaitsUntilShutdownHasCancelledTheQueuedFutures() throws Exception {
    assertTerminationWaitsForCancellation(pool -> pool.shutdown(false, true));
  }

  @Test
  void terminationWaitsUntilShutdownNowHasCancelledTheQueuedFutures() throws Exception {
    assertTerminationWaitsForCancellation(ThreadPoolExecutor::shutdownNow);
  }

  private static void assertTerminationWaitsForCancellation(Consumer<ThreadPoolExecutor> shutdown)
      throws Exception {
    String prefix = "Cancelling" + UNIQUE.incrementAndGet();
    ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(1).threadNamePrefix(prefix).build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    pool.submit(
        () -> {
          started.countDown();
          // Uninterruptible, so that shutdownNow cannot end it before the callback lets it finish.
          return Uninterruptibles.awaitUninterruptibly(finish, 30, TimeUnit.SECONDS);
        });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    Future<Integer> first = pool.submit(() -> 1);
    Future<Integer> second = pool.submit(() -> 2);
    AtomicBoolean terminatedMeanwhile = new AtomicBoolean(true);
    first.addDoneCallback(
        f -> {
          finish.countDown();
          await().atMost(Duration.ofSeconds(20)).until(() -> threadsNamed(prefix).isEmpty());
          terminatedMeanwhile.set(pool.isTerminated() || second.isDone());
        });
    shutdown.accept(pool);
    assertFalse(terminatedMeanwhile.get(), "terminated before the second queued future was cancelled");
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertTrue(second.isCancelled());
  }

  @Test
  void anInterruptATaskLeavesBehindDoesNotReachTheNextTask() {
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
      pool.submit(() -> {
        Thread.currentThread().interrupt();
        return null;
      }).result();
      assertFalse(pool.submit(() -> Thread.currentThread().isInterrupted()).result());
    }
  }

  @Test
  void aTaskCancelledWithInterruptIsInterruptedAndTheInterruptIsClearedBeforeTheNextTask() throws Exception {
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
      CompletableFuture<Future<Boolean>> own = new CompletableFuture<>();
      Future<Boolean> stopsItself =
          pool.submit(
              () -> {
                own.get(10, TimeUnit.SECONDS).cancel(true);
                return Thread.currentThread().isInterrupted();
              });
      own.complete(stopsItself);
      assertFalse(pool.submit(() -> Thread.currentThread().isInterrupted()).result(Duration.ofSeconds(10)));
      assertTrue(stopsItself.isCancelled());
    }
  }

  @Test
  void aTaskSeesTheInterruptOfItsOwnCancelWithInterrupt() throws Exception {
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
      CompletableFuture<Future<Boolean>> own = new CompletableFuture<>();
      CompletableFuture<Boolean> interruptedInTask = new CompletableFuture<>();
      Future<Boolean> stopsItself =
          pool.submit(
              () -> {
                own.get(10, TimeUnit.SECONDS).cancel(true);
                interruptedInTask.complete(Thread.currentThread().isInterrupted());
                return true;
              });
      own.complete(stopsItself);
      assertTrue(interruptedInTask.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void closeCalledFromItsOwnWorkerDoesNotDeadlock() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
    Future<Boolean> f =
        pool.submit(
            () -> {
              pool.close();
              return pool.isShutdown();
            });
    assertTrue(f.result(Duration.ofSeconds(10)));
    pool.close();
    assertTrue(pool.isTerminated());
  }

  @Test
  void anUnreachablePoolIsShutDownAndItsThreadsExit() {
    String prefix = "Forgotten" + UNIQUE.incrementAndGet();
    Future<Integer> f = submitAndForget(prefix);
    assertEquals(7, f.result());
    assertEquals(1, threadsNamed(prefix).size());
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              System.gc();
              return threadsNamed(prefix).isEmpty();
            });
  }

  private static Future<Integer> submitAndForget(String prefix) {
    ThreadPoolExecutor pool = ThreadPoolExecutor.builder().threadNamePrefix(prefix).build();
    return pool.submit(() -> 7);
  }

  /**
   * A worker that finished a task and then took queued work is no longer idle: a later submission must start a
   * thread rather than count on it (CPython's idle semaphore keeps a stale token here and the last task starves).
   * The second worker is held in its initializer so that the first one takes the queued task.
   */
  @Test
  void queuedWorkStartsAThreadWhileEveryWorkerIsBusyAndThePoolCanGrow() throws Exception {
    AtomicInteger initializations = new AtomicInteger();
    CountDownLatch secondInitializer = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ThreadPoolExecutor pool =
        ThreadPoolExecutor.builder()
            .maxWorkers(3)
            .initializer(
                () -> {
                  if (initializations.incrementAndGet() == 2) {
                    secondInitializer.await();
                  }
                })
            .build();
    try {
      CountDownLatch firstStarted = new CountDownLatch(1);
      CountDownLatch finishFirst = new CountDownLatch(1);
      Future<Integer> first =
          pool.submit(
              () -> {
                firstStarted.countDown();
                finishFirst.await();
                return 0;
              });
      assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
      CountDownLatch xStarted = new CountDownLatch(1);
      pool.submit(
          () -> {
            xStarted.countDown();
            return release.await(30, TimeUnit.SECONDS);
          });
      finishFirst.countDown();
      assertEquals(0, first.result());
      assertTrue(xStarted.await(10, TimeUnit.SECONDS), "the first worker took the queued task");
      secondInitializer.countDown();
      CountDownLatch yStarted = new CountDownLatch(1);
      pool.submit(
          () -> {
            yStarted.countDown();
            return release.await(30, TimeUnit.SECONDS);
          });
      assertTrue(yStarted.await(10, TimeUnit.SECONDS));
      assertEquals(3, pool.submit(() -> 3).result(Duration.ofSeconds(10)), "a third thread ran it");
    } finally {
      release.countDown();
      pool.close();
    }
  }

  @Test
  void aFailureInExecuteIsLogged() throws Exception {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.pyfutures");
    List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch logged = new CountDownLatch(1);
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            records.add(record);
            logged.countDown();
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
      pool.execute(
          () -> {
            throw new IllegalStateException("lost without a log");
          });
      assertTrue(logged.await(10, TimeUnit.SECONDS));
      assertEquals("lost without a log", records.get(0).getThrown().getMessage());
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void toStringShowsStateAndSize() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(3);
    pool.submit(() -> 1).result();
    assertEquals("ThreadPoolExecutor[running, threads=1/3, queued=0]", pool.toString());
    pool.close();
    assertEquals("ThreadPoolExecutor[terminated, threads=0/3, queued=0]", pool.toString());
  }
}
