package org.pyfutures.cluster.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Member JVMs on this machine, started with this JVM's {@code java} and class path, joined over TCP on
 * 127.0.0.1 under a cluster name of their own, and a Hazelcast client in this JVM connected to them. A member
 * exits when its standard input ends: when {@link #close()} closes it, or when this JVM dies.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Map<Integer, Process> processes;
  private final HazelcastInstance client;

  private LocalCluster(Map<Integer, Process> processes, HazelcastInstance client) {
    this.processes = processes;
    this.client = client;
  }

  /**
   * Starts {@code n} members and connects to them; returns once all of them are in the cluster.
   *
   * @param n how many members
   * @param allowList the classes members may read
   * @return the running cluster
   * @throws IllegalStateException if the members do not form a cluster in time
   */
  public static LocalCluster start(int n, AllowList allowList) {
    QuietLogging.apply();
    String name = "pyfutures-" + UUID.randomUUID();
    List<Integer> ports = freePorts(n);
    Map<Integer, Process> processes = new ConcurrentHashMap<>();
    try {
      for (int port : ports) {
        // Every member joins through the first, so they never form separate clusters that would merge later.
        processes.put(port, launch(name, port, List.of(ports.get(0)), allowList));
      }
      HazelcastInstance client = HazelcastClient.newHazelcastClient(LocalConfigs.client(name, ports));
      LocalCluster cluster = new LocalCluster(processes, client);
      try {
        cluster.awaitMembers(n);
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      return cluster;
    } catch (RuntimeException | Error e) {
      processes.values().forEach(Process::destroyForcibly);
      throw e;
    }
  }

  private static Process launch(String name, int port, List<Integer> seeds, AllowList allowList) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:+UseSerialGC");
    if (Runtime.version().feature() >= 23) {
      // Hazelcast still uses sun.misc.Unsafe; without this, JDK 24+ prints a deprecation warning per member.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-D" + AllowList.PROPERTY + "=" + String.join(",", allowList.extra()));
    command.add("-Dkryo.unsafe=" + System.getProperty("kryo.unsafe", "false"));
    // What Hazelcast asks for on a modular JDK; without these it warns at start.
    command.addAll(
        List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
    command.add(MemberMain.class.getName());
    command.add(name);
    command.add(Integer.toString(port));
    command.add(String.join(",", seeds.stream().map(String::valueOf).toList()));
    try {
      return new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a cluster member: " + command.get(0), e);
    }
  }

  private static List<Integer> freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket we just opened.
        }
      }
    }
  }

  private void awaitMembers(int n) {
    CountDownLatch formed = new CountDownLatch(1);
    UUID listener =
        client
            .getCluster()
            .addMembershipListener(
                new MembershipListener() {
                  @Override
                  public void memberAdded(MembershipEvent event) {
                    if (event.getMembers().size() >= n) {
                      formed.countDown();
                    }
                  }

                  @Override
                  public void memberRemoved(MembershipEvent event) {}
                });
    try {
      if (client.getCluster().getMembers().size() < n) {
        for (Process p : processes.values()) {
          p.onExit().thenRun(formed::countDown);
        }
        if (!formed.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("the local members did not form a cluster within " + START_TIMEOUT);
        }
        if (client.getCluster().getMembers().size() < n) {
          throw new IllegalStateException(
              "a local member exited while the cluster formed; see its output on standard error");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the local cluster formed", e);
    } finally {
      client.getCluster().removeMembershipListener(listener);
    }
  }

  /** Returns the client through which this JVM reaches the members. */
  public HazelcastInstance client() {
    return client;
  }

  /**
   * Returns the process id of a local member.
   *
   * @param member a member of this cluster
   * @return its pid, or empty if it is not one of ours
   */
  public OptionalLong pid(Member member) {
    Process p = processes.get(member.getAddress().getPort());
    return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
  }

  /**
   * Calls {@code listener} with a member's port as soon as its process exits, before Hazelcast notices.
   *
   * @param listener receives the port
   */
  public void onMemberExit(IntConsumer listener) {
    processes.forEach((port, p) -> p.onExit().thenRun(() -> listener.accept(port)));
  }

  /** Returns the process handles of the members, for tests and examples. */
  public List<ProcessHandle> members() {
    return processes.values().stream().map(Process::toHandle).toList();
  }

  /** Disconnects and stops every member: closes their standard input, then kills any that linger. */
  @Override
  public void close() {
    try {
      client.shutdown();
    } finally {
      for (Process p : processes.values()) {
        try {
          p.getOutputStream().close();
        } catch (IOException alreadyGone) {
          // The member exited already.
        }
      }
      for (Process p : processes.values()) {
        try {
          if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
