package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;

/** Shutdown in all its forms (CPython's {@code test_shutdown}). */
@Timeout(60)
public interface ShutdownContract extends ContractSupport {

  @Test
  default void submitAfterShutdownIsRejected() {
    Executor executor = newExecutor(1);
    executor.shutdown();
    assertTrue(executor.isShutdown());
    assertThrows(RejectedExecutionException.class, () -> executor.submit(ContractTasks::mul, 2, 3));
    executor.close();
  }

  @Test
  default void shutdownWithWaitCompletesEveryAcceptedTask() {
    Executor executor = newExecutor(2);
    List<Future<Integer>> fs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fs.add(executor.submit(ContractTasks::mul, i, 2));
    }
    executor.shutdown(true, false);
    assertTrue(executor.isTerminated());
    for (int i = 0; i < 50; i++) {
      assertEquals(i * 2, fs.get(i).result());
    }
  }

  @Test
  default void shutdownWithoutWaitStillCompletesEveryAcceptedTask() throws Exception {
    Executor executor = newExecutor(2);
    List<Future<Integer>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(executor.submit(ContractTasks::mul, i, 3));
    }
    executor.shutdown(false, false);
    assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(
        IntStream.range(0, 20).map(i -> i * 3).boxed().collect(Collectors.toList()),
        fs.stream().map(Future::result).collect(Collectors.toList()));
  }

  @Test
  default void cancelFuturesCancelsOnlyWhatHasNotStarted() throws Exception {
    Executor executor = newExecutor(2);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int value = i;
        fs.add(executor.submit(() -> ContractTasks.blockThenReturn(gate, "t", value)));
      }
      rendezvous.awaitArrivals(2);
      executor.shutdown(false, true);
      rendezvous.open();
      executor.shutdown(true, false);
      long cancelled = fs.stream().filter(Future::isCancelled).count();
      assertTrue(cancelled > 20, "cancelled " + cancelled);
      assertTrue(cancelled < 50, "running tasks are never cancelled");
      for (Future<Integer> f : fs) {
        assertTrue(f.isDone());
        if (!f.isCancelled()) {
          assertNull(f.exception());
        }
      }
    }
  }

  @Test
  default void shutdownAfterACancelledSubmitDoesNotHang() {
    Executor executor = newExecutor(1);
    assertEquals(0, executor.submit(ContractTasks::mul, 0, 1).result());
    executor.submit(ContractTasks::mul, 0, 1).cancel();
    executor.shutdown(true, false);
    assertTrue(executor.isTerminated());
  }

  @Test
  default void closeWaitsLikeAWithBlock() {
    List<Integer> results;
    try (Executor executor = newExecutor(2)) {
      results = executor.map(Math::abs, IntStream.range(-5, 5).boxed().collect(Collectors.toList()))
          .collect(Collectors.toList());
    }
    assertEquals(List.of(5, 4, 3, 2, 1, 0, 1, 2, 3, 4), results);
  }

  @Test
  default void repeatedShutdownIsSafe() {
    Executor executor = newExecutor(1);
    executor.submit(ContractTasks::mul, 1, 1).result();
    executor.shutdown();
    executor.shutdown(false, true);
    executor.close();
    executor.close();
    assertTrue(executor.isTerminated());
  }

  @Test
  default void shutdownNowReturnsTheTasksThatNeverStartedAndCancelsThem() throws Exception {
    Executor executor = newExecutor(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> running = executor.submit(() -> ContractTasks.blockThenReturn(gate, "r", 1));
      rendezvous.awaitArrivals(1);
      List<Future<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        queued.add(executor.submit(ContractTasks::mul, i, 1));
      }
      List<Runnable> neverStarted = executor.shutdownNow();
      assertTrue(neverStarted.size() >= 7, "never started: " + neverStarted.size());
      assertEquals(neverStarted.size(), queued.stream().filter(Future::isCancelled).count());
      assertTrue(executor.isShutdown());
      rendezvous.open();
      assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
      assertTrue(running.isDone());
    }
  }

  @Test
  default void aCallbackThatClosesThePoolWhileShutdownCancelsFuturesDoesNotDeadlock() throws Exception {
    assertACallbackCanCloseThePoolWhileItsFuturesAreCancelled(executor -> executor.shutdown(false, true));
  }

  @Test
  default void aCallbackThatClosesThePoolWhileShutdownNowCancelsFuturesDoesNotDeadlock() throws Exception {
    assertACallbackCanCloseThePoolWhileItsFuturesAreCancelled(Executor::shutdownNow);
  }

  /**
   * The thread that cancels queued futures in {@code shutdown} runs their callbacks; one that calls
   * {@code close()} must not wait there for the pool to terminate, which it holds up. The gate stays shut until
   * {@code close()} has returned, so a {@code close()} that waits for the running task cannot return in time.
   */
  private void assertACallbackCanCloseThePoolWhileItsFuturesAreCancelled(Consumer<Executor> shutdown)
      throws Exception {
    Executor executor = newExecutor(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      executor.submit(() -> ContractTasks.blockThenReturn(gate, "running", 1));
      rendezvous.awaitArrivals(1);
      Future<Integer> queued = queueBehindTheRunningTask(executor);
      CountDownLatch closeReturned = new CountDownLatch(1);
      queued.addDoneCallback(
          f -> {
            executor.close();
            closeReturned.countDown();
          });
      Thread.ofPlatform().daemon().start(() -> shutdown.accept(executor));
      assertTrue(
          closeReturned.await(30, TimeUnit.SECONDS), "close() in the callback waited for its own pool");
      assertTrue(queued.isCancelled());
      rendezvous.open();
      assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
    } finally {
      executor.close();
    }
  }

  /** Queues three tasks behind one that runs on the only worker; returns the last, the furthest from starting. */
  private static Future<Integer> queueBehindTheRunningTask(Executor executor) {
    Future<Integer> last = null;
    for (int i = 0; i < 3; i++) {
      last = executor.submit(ContractTasks::mul, i, 3);
    }
    return last;
  }

  @Test
  default void terminationIsReportedOnlyAfterShutdown() throws Exception {
    Executor executor = newExecutor(1);
    executor.submit(ContractTasks::mul, 1, 1).result();
    assertFalse(executor.isTerminated());
    assertFalse(executor.awaitTermination(0, TimeUnit.SECONDS));
    executor.shutdown();
    assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(executor.isTerminated());
  }
}
