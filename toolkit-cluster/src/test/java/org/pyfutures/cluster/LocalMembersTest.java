package org.pyfutures.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.Future;
import org.pyfutures.contract.Rendezvous;

/** {@code builder().localMembers(n)}: the executor starts its own member JVMs and stops them on close. */
@Timeout(120)
@ExtendWith(NoLeftoverMembers.class)
class LocalMembersTest {

  @Test
  void membersStartWithTheExecutorRunTheInitializerOnceEachAndStopWithIt() throws Exception {
    List<ProcessHandle> before = NoLeftoverMembers.members();
    Set<Long> pids = new HashSet<>();
    try (ClusterExecutor executor =
            ClusterExecutor.builder()
                .localMembers(2)
                .maxWorkers(2)
                .initializer(Probes::countInitialization)
                .build();
        Rendezvous rendezvous = new Rendezvous()) {
      List<ProcessHandle> started =
          NoLeftoverMembers.members().stream().filter(p -> !before.contains(p)).toList();
      assertEquals(2, started.size());
      assertEquals(2, executor.memberCount());
      Rendezvous.Gate gate = rendezvous.gate();
      Future<Long> a = executor.submit(() -> Probes.blockAndReportPid(gate));
      Future<Long> b = executor.submit(() -> Probes.blockAndReportPid(gate));
      rendezvous.awaitArrivals(2);
      rendezvous.open();
      pids.add(a.result(Duration.ofSeconds(30)));
      pids.add(b.result(Duration.ofSeconds(30)));
      assertEquals(started.stream().map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet()), pids);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        seen.add(executor.submit(Probes::pidAndInitializations).result(Duration.ofSeconds(30)));
      }
      Set<String> expected = new HashSet<>();
      pids.forEach(pid -> expected.add(pid + ":1"));
      assertTrue(expected.containsAll(seen), "initialized once per member: " + seen);
    }
    assertTrue(
        pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
        "close() waits for the members to exit");
    await().atMost(Duration.ofSeconds(10)).until(() -> NoLeftoverMembers.members().isEmpty());
  }
}
