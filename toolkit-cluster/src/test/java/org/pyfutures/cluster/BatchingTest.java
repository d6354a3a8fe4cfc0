package org.pyfutures.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.KryoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.ExecutorStats;
import org.pyfutures.Future;
import org.pyfutures.cluster.internal.AllowList;
import org.pyfutures.cluster.internal.LocalCluster;
import org.pyfutures.contract.Rendezvous;

/**
 * Several queued tiny tasks travel to a member in one Hazelcast call, and each keeps its own fate. Tasks are made
 * to queue deterministically by {@link StalledReplies}: while the reply thread is held, the calls in flight keep
 * their window slots.
 */
@Timeout(60)
@ExtendWith(NoLeftoverMembers.class)
class BatchingTest {
  private static LocalCluster cluster;

  @BeforeAll
  @Timeout(120)
  static void startMembers() {
    cluster = LocalCluster.start(2, AllowList.of(List.of()));
  }

  @AfterAll
  static void stopMembers() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static ClusterExecutor executor(int maxWorkers) {
    return ClusterExecutor.builder().hazelcast(cluster.client()).maxWorkers(maxWorkers).build();
  }

  @Test
  void queuedTinyTasksTravelInFewerCallsThanTasksAndAreCountedOneByOne() throws Exception {
    try (ClusterExecutor executor = executor(2)) {
      StalledReplies.warmUp(executor, 30, 2);
      List<Future<Integer>> doubled = new ArrayList<>();
      long before;
      try (StalledReplies stalled = new StalledReplies(executor)) {
        before = executor.callsSent();
        for (int i = 0; i < 102; i++) {
          doubled.add(executor.submit((Integer x) -> x * 2, i));
        }
      }
      for (int i = 0; i < doubled.size(); i++) {
        assertEquals(2 * i, doubled.get(i).result());
      }
      long calls = executor.callsSent() - before;
      // Two calls took the window's two slots; the 100 tasks queued behind them went at least two by two.
      assertTrue(calls <= 2 + 100 / 2, calls + " calls for 102 tasks");
      ExecutorStats stats = executor.stats();
      assertEquals(stats.tasksSubmitted(), stats.tasksCompleted());
      assertTrue(stats.bytesReceived() > 0 && stats.runTime().toNanos() > 0, stats.toString());
    }
  }

  @Test
  void cancellingOneTaskOfABatchLeavesItsNeighboursRunning() throws Exception {
    try (ClusterExecutor executor = executor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      StalledReplies.warmUp(executor, 30, 1);
      Future<String> waiting;
      Future<Integer> cancelled;
      Future<Integer> neighbour;
      long before;
      try (StalledReplies stalled = new StalledReplies(executor)) {
        before = executor.callsSent();
        executor.submit((Integer x) -> x, 0);
        waiting = executor.submit(() -> Probes.waitAtGate(gate));
        cancelled = executor.submit((Integer x) -> x, 1);
        neighbour = executor.submit((Integer x) -> x, 2);
      }
      rendezvous.awaitArrivals(1);
      assertEquals(2, executor.callsSent() - before, "the three queued tasks travel in one call");
      assertTrue(cancelled.isRunning() && neighbour.isRunning(), "a task sent in a call is running");
      assertTrue(waiting.cancel(true));
      assertTrue(cancelled.cancel(true));
      rendezvous.open();
      assertEquals(2, neighbour.result());
      // Its call still carried a wanted task, so it was not interrupted: it ran on, its result discarded.
      assertEquals(List.of("waiting", "released"), rendezvous.arrivals());
      assertTrue(waiting.isCancelled() && cancelled.isCancelled());
      assertThrows(CancellationException.class, cancelled::result);
      assertEquals(7, executor.submit(() -> 7).result());
      ExecutorStats stats = executor.stats();
      assertEquals(stats.tasksSubmitted() - 2, stats.tasksCompleted(), "cancelled tasks are not completed ones");
    }
  }

  @Test
  void cancellingEveryTaskOfABatchCancelsItsCallWhichInterruptsIt() throws Exception {
    try (ClusterExecutor executor = executor(1);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      StalledReplies.warmUp(executor, 30, 1);
      Future<String> sleeping;
      Future<Integer> next;
      long before;
      try (StalledReplies stalled = new StalledReplies(executor)) {
        before = executor.callsSent();
        executor.submit((Integer x) -> x, 0);
        sleeping = executor.submit(() -> Probes.sleepUntilInterrupted(gate));
        next = executor.submit((Integer x) -> x, 1);
      }
      rendezvous.awaitArrivals(1);
      assertEquals(2, executor.callsSent() - before, "the two queued tasks travel in one call");
      assertTrue(next.isRunning(), "a task sent in a call is running");
      assertTrue(next.cancel(true));
      assertTrue(sleeping.cancel(true));
      rendezvous.awaitArrivals(2, Duration.ofSeconds(30));
      assertEquals(List.of("sleeping", "interrupted"), rendezvous.arrivals());
      assertTrue(sleeping.isCancelled() && next.isCancelled());
      assertEquals(7, executor.submit(() -> 7).result());
    }
  }

  @Test
  void aFailingOrUnwritableTaskInABatchFailsOnlyItsOwnFuture() throws Exception {
    try (ClusterExecutor executor = executor(1)) {
      StalledReplies.warmUp(executor, 30, 1);
      Future<Integer> first;
      Future<Integer> throwing;
      Future<Object[]> unwritable;
      Future<java.awt.Point> unreadable;
      Future<Integer> last;
      long before;
      try (StalledReplies stalled = new StalledReplies(executor)) {
        before = executor.callsSent();
        executor.submit((Integer x) -> x, 0);
        first = executor.submit((Integer x) -> x, 1);
        throwing = executor.submit(Probes::fail, "boom");
        unwritable = executor.submit(Probes::tooDeepToWrite);
        unreadable = executor.submit(Probes::offTheAllowList);
        last = executor.submit((Integer x) -> x, 2);
      }
      assertEquals(1, first.result());
      assertEquals("boom", assertInstanceOf(IllegalStateException.class, throwing.exception()).getMessage());
      // The member could not write the result: Kryo's failure, which names the overflow, comes back instead.
      Throwable overflow = unwritable.exception();
      assertTrue(overflow.getMessage().contains("StackOverflowError"), overflow.toString());
      assertInstanceOf(KryoException.class, unreadable.exception());
      assertEquals(2, last.result());
      assertTrue(executor.callsSent() - before < 6, "the five queued tasks travel in fewer calls than tasks");
    }
  }

  @Test
  void aBlockedTaskHoldsNoLaterTaskHostage() throws Exception {
    try (ClusterExecutor executor = executor(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      StalledReplies.warmUp(executor, 30, 2);
      Future<Long> blocked;
      List<Future<Integer>> later = new ArrayList<>();
      try (StalledReplies stalled = new StalledReplies(executor)) {
        blocked = executor.submit(() -> Probes.blockAndReportPid(gate));
        for (int i = 0; i < 40; i++) {
          later.add(executor.submit((Integer x) -> x, i));
        }
      }
      // The blocked task went alone, when the window had room for it; the queue behind it goes to the other member.
      for (int i = 0; i < later.size(); i++) {
        assertEquals(i, later.get(i).result(Duration.ofSeconds(30)));
      }
      assertFalse(blocked.isDone());
      rendezvous.open();
      assertTrue(blocked.result() > 0);
    }
  }
}
