package org.pyfutures.cluster;

import java.util.stream.Collectors;

/**
 * A host JVM for {@link HostDeathTest}: starts an executor with 2 local members, keeps one busy, prints the
 * members' pids on one line, then waits to be killed.
 */
public final class HostMain {
  private HostMain() {}

  public static void main(String[] args) throws Exception {
    ClusterExecutor executor = ClusterExecutor.builder().localMembers(2).build();
    executor.submit(() -> new java.util.concurrent.CountDownLatch(1).await(10, java.util.concurrent.TimeUnit.MINUTES));
    String pids =
        NoLeftoverMembers.members().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(" "));
    System.out.println(pids);
    System.out.flush();
    // Blocks until the test kills this JVM.
    new java.util.concurrent.CountDownLatch(1).await(10, java.util.concurrent.TimeUnit.MINUTES);
  }
}
