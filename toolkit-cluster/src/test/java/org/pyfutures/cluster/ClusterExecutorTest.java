package org.pyfutures.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.KryoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.pyfutures.Future;
import org.pyfutures.MapOptions;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.contract.Rendezvous;

/** The cluster executor's own properties, on one shared cluster of 2 local member JVMs. */
class ClusterExecutorTest extends SharedClusterTest {
  private static ClusterExecutor executor(int maxWorkers) {
    return ClusterExecutor.builder().hazelcast(cluster.client()).maxWorkers(maxWorkers).build();
  }

  private static Set<Long> memberPids() {
    Set<Long> pids = new HashSet<>();
    cluster.members().forEach(p -> pids.add(p.pid()));
    return pids;
  }

  @Test
  void tasksRunInTheMemberJvmsAndUseEveryMember() throws Exception {
    try (ClusterExecutor executor = executor(2);
        Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        fs.add(executor.submit(() -> Probes.blockAndReportPid(gate)));
      }
      rendezvous.awaitArrivals(2);
      rendezvous.open();
      Set<Long> pids = new HashSet<>();
      for (Future<Long> f : fs) {
        pids.add(f.result(Duration.ofSeconds(30)));
      }
      assertEquals(memberPids(), pids);
      assertFalse(pids.contains(ProcessHandle.current().pid()));
    }
  }

  @Test
  void mapWithAChunksizeReturnsEveryResultInOrder() {
    try (ClusterExecutor executor = executor(4)) {
      List<Integer> input = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        input.add(i);
      }
      List<Integer> doubled =
          executor.map((Integer x) -> x * 2, input, MapOptions.defaults().withChunksize(64)).toList();
      assertEquals(input.stream().map(x -> x * 2).toList(), doubled);
    }
  }

  @Test
  void aTaskExceptionKeepsItsTypeAndNamesTheMemberAndItsPid() {
    try (ClusterExecutor executor = executor(2)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> executor.submit(Probes::fail, "boom").result(Duration.ofSeconds(30)));
      assertEquals("boom", e.getMessage());
      RemoteTraceback trace = (RemoteTraceback) e.getSuppressed()[0];
      assertTrue(trace.getMessage().contains("member 127.0.0.1:"), trace.getMessage());
      assertTrue(memberPids().stream().anyMatch(pid -> trace.getMessage().contains("pid " + pid)), trace.getMessage());
    }
  }

  @Test
  void aResultOffTheAllowListFailsOnlyItsOwnFuture() {
    try (ClusterExecutor executor = executor(2)) {
      Future<java.awt.Point> off = executor.submit(Probes::offTheAllowList);
      Future<Long> fine = executor.submit(Probes::pid);
      KryoException e = assertThrows(KryoException.class, off::result);
      assertTrue(e.getMessage().contains("java.awt.Point is not on the cluster's class allow-list"), e.getMessage());
      assertTrue(memberPids().contains(fine.result(Duration.ofSeconds(30))));
    }
  }

  @Test
  void anArgumentOffTheAllowListIsRefusedByTheMember() {
    try (ClusterExecutor executor = executor(2)) {
      java.awt.Point point = Probes.offTheAllowList();
      Future<Integer> f = executor.submit((java.awt.Point p) -> p.x, point);
      Throwable e = assertThrows(Throwable.class, f::result);
      String trace = e.getSuppressed().length > 0 ? e.getSuppressed()[0].getMessage() : "";
      assertTrue(e instanceof KryoException || e.getClass().getName().contains("ExecutionFailed"), e.toString());
      assertTrue(e.getMessage().contains("java.awt.Point"), e.getMessage());
      assertTrue(trace.contains("member 127.0.0.1:"), trace);
    }
  }

  @Test
  void allowClassesAdmitsAClassOnTheHostSide() {
    try (ClusterExecutor executor =
        ClusterExecutor.builder().hazelcast(cluster.client()).allowClasses("java.awt.Point").build()) {
      // The members of this shared cluster were not told, so the class still cannot reach them...
      Future<Integer> toMember = executor.submit((java.awt.Point p) -> p.x, Probes.offTheAllowList());
      assertThrows(RuntimeException.class, toMember::result);
      // ...but the host now reads it back.
      assertEquals(new java.awt.Point(3, 4), executor.submit(Probes::offTheAllowList).result(Duration.ofSeconds(30)));
    }
  }

  @Test
  void shutdownNowInterruptsRunningTasksOnTheirMembers() throws Exception {
    ClusterExecutor executor = executor(2);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<String> sleeping = executor.submit(() -> Probes.sleepUntilInterrupted(gate));
      rendezvous.awaitArrivals(1);
      assertTrue(executor.shutdownNow().isEmpty());
      rendezvous.awaitArrivals(2, Duration.ofSeconds(30));
      assertEquals(List.of("sleeping", "interrupted"), rendezvous.arrivals());
      assertTrue(sleeping.isCancelled(), "a running future ends cancelled");
      assertThrows(CancellationException.class, sleeping::result);
      assertTrue(executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      executor.close();
    }
  }

  @Test
  void cancelTrueOnARunningTaskInterruptsItOnItsMemberAndTheExecutorCarriesOn() throws Exception {
    ClusterExecutor executor = executor(2);
    try (Rendezvous rendezvous = new Rendezvous()) {
      Rendezvous.Gate gate = rendezvous.gate();
      Future<String> sleeping = executor.submit(() -> Probes.sleepUntilInterrupted(gate));
      rendezvous.awaitArrivals(1);
      assertFalse(sleeping.cancel(false), "cancel(false) never cancels a running future");
      assertTrue(sleeping.cancel(true));
      rendezvous.awaitArrivals(2, Duration.ofSeconds(30));
      assertEquals(List.of("sleeping", "interrupted"), rendezvous.arrivals());
      assertTrue(sleeping.isCancelled());
      assertEquals(42, executor.submit(() -> 42).result(Duration.ofSeconds(30)));
    } finally {
      executor.close();
    }
  }

  @Test
  void closingAnExecutorOnAGivenInstanceLeavesTheClusterRunning() {
    executor(1).close();
    try (ClusterExecutor next = executor(1)) {
      assertNotEquals(ProcessHandle.current().pid(), next.submit(Probes::pid).result(Duration.ofSeconds(30)));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.members().stream().allMatch(ProcessHandle::isAlive));
  }
}
