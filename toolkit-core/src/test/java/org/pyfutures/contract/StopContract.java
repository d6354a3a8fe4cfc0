package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.Task;

/**
 * Stopping running work: {@code cancel(true)}, {@code shutdownNow()} and the timeouts of {@code invokeAll} and
 * {@code invokeAny}. A stopped task blocks at a gate that is never opened, so a pool that keeps it running fails
 * the test when a single worker is needed for the next task; the gate's own bound ends it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public interface StopContract extends ContractSupport {
  /** How long a result that should come at once may take, even on a loaded machine. */
  Duration PROMPTLY = Duration.ofSeconds(30);

  @Test
  default void cancelWithInterruptCancelsARunningTaskAndThePoolKeepsWorking() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockInterruptibly(gate, "blocked", 1));
      rendezvous.awaitArrivals(1);
      assertTrue(blocked.cancel(true));
      assertTrue(blocked.isCancelled());
      assertTrue(blocked.isDone());
      assertThrows(CancellationException.class, blocked::result);
      // One worker: the next task runs only once the blocked one has stopped.
      assertEquals(6, executor.submit(ContractTasks::mul, 2, 3).result(PROMPTLY));
      assertTrue(blocked.isCancelled(), "the stopped task's outcome is discarded");
    }
  }

  @Test
  default void anInterruptThatStoppedATaskNeverReachesTheNextTask() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Future<String> blocked =
          executor.submit(ContractTasks::blockKeepingTheInterrupt, rendezvous.gate(), "blocked");
      rendezvous.awaitArrivals(1);
      assertTrue(blocked.cancel(true));
      Task<Boolean> interruptStatus = ContractTasks::interruptStatus;
      assertFalse(executor.submit(interruptStatus).result(PROMPTLY));
    }
  }

  /** The task is told to stop before the future's callbacks run, so one that waits for the pool can. */
  @Test
  default void aCallbackThatClosesThePoolWhenCancelStopsItsTaskDoesNotDeadlock() throws Exception {
    Executor executor = newExecutor(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> blocked = executor.submit(() -> ContractTasks.blockInterruptibly(gate, "blocked", 1));
      rendezvous.awaitArrivals(1);
      CountDownLatch closed = new CountDownLatch(1);
      blocked.addDoneCallback(
          f -> {
            executor.close();
            closed.countDown();
          });
      Thread.ofPlatform().daemon().start(() -> blocked.cancel(true));
      assertTrue(closed.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS), "close() waited for a task not yet stopped");
      assertTrue(executor.isTerminated());
      assertTrue(blocked.isCancelled());
    } finally {
      executor.close();
    }
  }

  @Test
  default void cancelWithoutInterruptLeavesARunningTaskRunning() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> running = executor.submit(() -> ContractTasks.blockInterruptibly(gate, "running", 7));
      rendezvous.awaitArrivals(1);
      assertFalse(running.cancel(false));
      assertFalse(running.cancel());
      assertTrue(running.isRunning());
      rendezvous.open();
      assertEquals(7, running.result(PROMPTLY));
      assertFalse(running.cancel(true), "a finished future stays finished");
      assertEquals(7, running.result());
    }
  }

  @Test
  default void invokeAllThatTimesOutReturnsOnlyDoneFutures() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      List<java.util.concurrent.Future<Integer>> fs =
          executor.invokeAll(blockedThenQueued(rendezvous), 1, TimeUnit.MILLISECONDS);
      assertEquals(2, fs.size());
      for (java.util.concurrent.Future<Integer> f : fs) {
        assertTrue(f.isDone(), f.toString());
      }
      assertTrue(fs.get(0).isCancelled(), "the blocked task's future");
      // The queued task may start, and finish, once the blocked one has stopped.
      assertTrue(fs.get(1).isCancelled() || fs.get(1).get() == 6, fs.get(1).toString());
      assertEquals(6, executor.submit(ContractTasks::mul, 2, 3).result(PROMPTLY));
    }
  }

  @Test
  default void invokeAnyThatTimesOutStopsItsRunningTask() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      assertThrows(
          TimeoutException.class,
          () -> executor.invokeAny(blockedThenQueued(rendezvous), 1, TimeUnit.MILLISECONDS));
      assertEquals(6, executor.submit(ContractTasks::mul, 2, 3).result(PROMPTLY));
    }
  }

  @Test
  default void interruptingInvokeAllStopsItsRunningTask() throws Exception {
    try (Executor executor = newExecutor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Task<Integer> blocked = () -> ContractTasks.blockInterruptibly(gate, "blocked", 1);
      CompletableFuture<Object> outcome = new CompletableFuture<>();
      Thread caller =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      outcome.complete(executor.invokeAll(List.of(blocked)));
                    } catch (Throwable t) {
                      outcome.complete(t);
                    }
                  });
      rendezvous.awaitArrivals(1);
      caller.interrupt();
      assertInstanceOf(InterruptedException.class, outcome.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
      assertEquals(6, executor.submit(ContractTasks::mul, 2, 3).result(PROMPTLY));
    }
  }

  @Test
  default void shutdownNowCancelsRunningFuturesAndReturnsTheTasksThatNeverStarted() throws Exception {
    Executor executor = newExecutor(1);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Integer> running = executor.submit(() -> ContractTasks.blockInterruptibly(gate, "running", 1));
      rendezvous.awaitArrivals(1);
      List<Future<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        queued.add(executor.submit(ContractTasks::mul, i, 1));
      }
      List<Runnable> neverStarted = executor.shutdownNow();
      assertTrue(neverStarted.size() >= 7, "never started: " + neverStarted.size());
      // The gate stays shut: the pool terminates only if the running task was stopped.
      assertTrue(executor.awaitTermination(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
      assertTrue(running.isCancelled());
      long cancelled = queued.stream().filter(Future::isCancelled).count();
      assertTrue(cancelled >= neverStarted.size(), "cancelled " + cancelled);
      assertTrue(queued.stream().allMatch(Future::isDone));
    } finally {
      executor.close();
    }
  }

  /**
   * Two tasks for {@code invokeAll}/{@code invokeAny} on one worker: the first blocks, the second queues behind
   * it. The second is handed out only once the first is running, so a deadline set before submission passes while
   * the first is known to be running.
   */
  private static List<Callable<Integer>> blockedThenQueued(Rendezvous rendezvous) {
    Rendezvous.Gate gate = rendezvous.gate();
    Task<Integer> blocked = () -> ContractTasks.blockInterruptibly(gate, "blocked", 1);
    Task<Integer> queued = () -> ContractTasks.mul(2, 3);
    return new AbstractList<>() {
      @Override
      public int size() {
        return 2;
      }

      @Override
      public Callable<Integer> get(int index) {
        if (index == 0) {
          return blocked;
        }
        try {
          rendezvous.awaitArrivals(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for the first task", e);
        }
        return queued;
      }
    };
  }
}
