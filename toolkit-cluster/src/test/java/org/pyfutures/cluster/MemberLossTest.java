package org.pyfutures.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.Future;
import org.pyfutures.cluster.internal.AllowList;
import org.pyfutures.cluster.internal.LocalCluster;
import org.pyfutures.contract.Rendezvous;

/** A member JVM killed with SIGKILL mid-batch: only its futures fail; losing the last member breaks the executor. */
@Timeout(120)
@ExtendWith(NoLeftoverMembers.class)
class MemberLossTest {
  private LocalCluster cluster;

  @AfterEach
  void stopMembers() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static long pidOf(Rendezvous rendezvous, int index) {
    return Long.parseLong(rendezvous.arrivals().get(index));
  }

  @Test
  void killingOneMemberFailsOnlyTheFuturesItWasRunning() throws Exception {
    cluster = LocalCluster.start(2, AllowList.of(List.of()));
    try (ClusterExecutor executor = ClusterExecutor.builder().hazelcast(cluster.client()).maxWorkers(4).build();
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Long>> running = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        running.add(executor.submit(() -> Probes.blockAndReportPid(gate)));
      }
      List<Future<Long>> queued = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        queued.add(executor.submit(Probes::pid));
      }
      rendezvous.awaitArrivals(4);
      ProcessHandle victim = cluster.members().get(0);
      ProcessHandle survivor = cluster.members().get(1);
      assertEquals(2, rendezvous.arrivals().stream().filter(a -> a.equals(Long.toString(victim.pid()))).count());
      assertTrue(victim.destroyForcibly());

      // The killed member's two futures fail; the survivor's two stay blocked at the gate until it opens.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertEquals(2, running.stream().filter(Future::isDone).count(), () -> running.toString()));
      List<Future<Long>> lost = running.stream().filter(Future::isDone).toList();
      for (Future<Long> f : lost) {
        MemberLostException e = assertInstanceOf(MemberLostException.class, f.exception(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("pid " + victim.pid()), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:"), e.getMessage());
      }
      rendezvous.open();
      for (Future<Long> f : running) {
        if (!lost.contains(f)) {
          assertEquals(survivor.pid(), f.result(Duration.ofSeconds(30)));
        }
      }
      for (Future<Long> f : queued) {
        assertEquals(survivor.pid(), f.result(Duration.ofSeconds(30)));
      }
      assertEquals(survivor.pid(), executor.submit(Probes::pid).result(Duration.ofSeconds(30)));
      assertEquals(1, executor.memberCount());
    }
  }

  @Test
  void killingAMemberMidBatchFailsEveryTaskOfThatCallAndNoOther() throws Exception {
    cluster = LocalCluster.start(2, AllowList.of(List.of()));
    try (ClusterExecutor executor = ClusterExecutor.builder().hazelcast(cluster.client()).maxWorkers(1).build();
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      StalledReplies.warmUp(executor, 30, 1);
      List<Future<Long>> batch = new ArrayList<>();
      long before;
      try (StalledReplies stalled = new StalledReplies(executor)) {
        before = executor.callsSent();
        executor.submit((Integer x) -> x, 0);
        batch.add(executor.submit(() -> Probes.blockAndReportPid(gate)));
        for (int i = 0; i < 3; i++) {
          batch.add(executor.submit(Probes::pid));
        }
      }
      rendezvous.awaitArrivals(1);
      assertEquals(2, executor.callsSent() - before, "the four queued tasks travel in one call");
      ProcessHandle victim = ProcessHandle.of(pidOf(rendezvous, 0)).orElseThrow();
      assertTrue(victim.destroyForcibly());

      // The tasks behind the blocked one were sent with it: they fail with it, and never run elsewhere.
      for (Future<Long> f : batch) {
        MemberLostException e = assertInstanceOf(MemberLostException.class, f.exception(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("pid " + victim.pid()), e.getMessage());
      }
      long survivor = cluster.members().stream().mapToLong(ProcessHandle::pid).filter(p -> p != victim.pid())
          .findFirst().orElseThrow();
      assertEquals(survivor, executor.submit(Probes::pid).result(Duration.ofSeconds(30)));
      assertEquals(1, executor.memberCount());
    }
  }

  @Test
  void losingTheLastMemberFailsItsTasksAndBreaksTheExecutor() throws Exception {
    cluster = LocalCluster.start(1, AllowList.of(List.of()));
    ClusterExecutor executor = ClusterExecutor.builder().hazelcast(cluster.client()).maxWorkers(1).build();
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> running = executor.submit(() -> Probes.blockAndReportPid(gate));
      List<Future<Long>> queued = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        queued.add(executor.submit(Probes::pid));
      }
      rendezvous.awaitArrivals(1);
      ProcessHandle member = cluster.members().get(0);
      assertEquals(member.pid(), pidOf(rendezvous, 0));
      assertTrue(member.destroyForcibly());

      assertInstanceOf(MemberLostException.class, running.exception(Duration.ofSeconds(30)));
      List<Throwable> failures = new ArrayList<>();
      for (Future<Long> f : queued) {
        BrokenClusterException broken =
            assertInstanceOf(BrokenClusterException.class, f.exception(Duration.ofSeconds(30)));
        assertTrue(broken.getMessage().contains("no cluster members left"), broken.getMessage());
        failures.add(broken);
      }
      assertEquals(3, failures.stream().distinct().count(), "one exception per future");
      assertThrows(BrokenClusterException.class, () -> executor.submit(Probes::pid));
    } finally {
      executor.shutdown(false, true);
    }
  }
}
