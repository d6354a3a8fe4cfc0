package org.pyfutures;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.internal.WorkerContext;

/** How a work item stops its task for {@code cancel(true)}, run in the test's own thread. */
@Timeout(30)
class WorkItemTest {
  /** Runs tasks directly, as the thread pool's context does. */
  private static final WorkerContext DIRECT =
      new WorkerContext() {
        @Override
        public void initialize() {}

        @Override
        public <R> R run(Task<R> task) throws Exception {
          return task.call();
        }

        @Override
        public void close() {}
      };

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void cancelWithInterruptInterruptsTheRunningTaskAndDiscardsItsResult() {
    Future<String> future = new Future<>();
    AtomicBoolean interruptedInTask = new AtomicBoolean();
    WorkItem<String> item =
        new WorkItem<>(
            future,
            () -> {
              assertTrue(future.cancel(true));
              interruptedInTask.set(Thread.currentThread().isInterrupted());
              return "discarded";
            });
    assertTrue(item.run(DIRECT, () -> {}));
    assertTrue(interruptedInTask.get());
    assertTrue(future.isCancelled());
  }

  @Test
  void theInterruptThatStoppedATaskIsClearedWhenTheTaskEnds() {
    Future<String> future = new Future<>();
    AtomicBoolean interruptedBeforeCompletion = new AtomicBoolean(true);
    WorkItem<String> item =
        new WorkItem<>(
            future,
            () -> {
              future.cancel(true);
              return "discarded";
            });
    item.run(DIRECT, () -> interruptedBeforeCompletion.set(Thread.currentThread().isInterrupted()));
    assertFalse(interruptedBeforeCompletion.get());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /** The future is still running after its task ended; a cancel then must not interrupt the thread's next work. */
  @Test
  void aCancelThatComesAfterTheTaskEndedInterruptsNothing() {
    Future<String> future = new Future<>();
    AtomicReference<Boolean> cancelled = new AtomicReference<>();
    WorkItem<String> item = new WorkItem<>(future, () -> "done");
    item.run(DIRECT, () -> cancelled.set(future.cancel(true)));
    assertTrue(cancelled.get(), "the future was still running");
    assertTrue(future.isCancelled());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void cancelWithInterruptOfAnItemThatHasNotStartedMeansItNeverRuns() {
    Future<String> future = new Future<>();
    AtomicBoolean ran = new AtomicBoolean();
    WorkItem<String> item =
        new WorkItem<>(
            future,
            () -> {
              ran.set(true);
              return "ran";
            });
    assertTrue(future.cancel(true));
    assertFalse(item.run(DIRECT, () -> {}));
    assertFalse(ran.get());
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
