package org.pyfutures.cluster.internal;

import com.hazelcast.core.Hazelcast;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of a local member JVM: {@code MemberMain clusterName port seedPort,...}. It starts a
 * Hazelcast member and lives until its standard input ends, which happens when the host closes it or dies.
 * What tasks print to {@code System.out} goes to this process's standard error, which the host inherits.
 */
public final class MemberMain {
  private MemberMain() {}

  /**
   * Starts the member.
   *
   * @param args cluster name, this member's port, the ports of the members to join through
   */
  public static void main(String[] args) {
    System.setOut(System.err);
    QuietLogging.apply();
    AsyncThreads.reuse();
    watchStdin(System.in);
    String clusterName = args[0];
    int port = Integer.parseInt(args[1]);
    List<Integer> seeds = Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList();
    Hazelcast.newHazelcastInstance(LocalConfigs.member(clusterName, port, seeds));
  }

  private static void watchStdin(InputStream in) {
    Thread watcher =
        new Thread(
            () -> {
              byte[] buffer = new byte[64];
              try {
                while (in.read(buffer) >= 0) {
                  // The host never writes; anything it does is ignored.
                }
              } catch (IOException ended) {
                // Same as end of input.
              }
              // The host is gone or done: leave at once, as a process-pool worker does.
              Runtime.getRuntime().halt(0);
            },
            "pyfutures-member-stdin");
    watcher.setDaemon(true);
    watcher.start();
  }
}
