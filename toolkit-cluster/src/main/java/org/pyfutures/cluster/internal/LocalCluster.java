package org.pyfutures.cluster.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.connection.ClientConnection;
import com.hazelcast.client.impl.connection.ClientConnectionManager;
import com.hazelcast.client.impl.connection.tcp.TcpClientConnectionManager;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.nio.ConnectionListener;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
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

  private static final Map<HazelcastInstance, LocalCluster> BY_CLIENT = new ConcurrentHashMap<>();

  private final Map<Integer, Process> processes;
  private final HazelcastInstance client;
  private final List<IntConsumer> exitListeners = new CopyOnWriteArrayList<>();
  private final MemberArchive archive;
  private final Map<Process, Path> recordings;

  private LocalCluster(
      Map<Integer, Process> processes, HazelcastInstance client, MemberArchive archive, Map<Process, Path> recordings) {
    this.processes = processes;
    this.client = client;
    this.archive = archive;
    this.recordings = recordings;
    processes.forEach((port, p) -> p.onExit().thenRun(() -> exitListeners.forEach(l -> l.accept(port))));
    recordings.keySet().forEach(p -> p.onExit().thenRun(() -> keepRecording(p)));
    BY_CLIENT.put(client, this);
  }

  /**
   * Returns the local cluster whose client this is, so that an executor given that client still names member
   * pids and notices member exits at once.
   *
   * @param instance a Hazelcast instance
   * @return its local cluster, or null
   */
  public static LocalCluster of(HazelcastInstance instance) {
    return BY_CLIENT.get(instance);
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
    QuietLogging.applyForLocalMembers();
    String name = "pyfutures-" + UUID.randomUUID();
    List<Integer> ports = freePorts(n);
    MemberArchive archive = MemberArchive.forMembers(JVM_OPTIONS);
    Map<Integer, Process> processes = new ConcurrentHashMap<>();
    Map<Process, Path> recordings = new ConcurrentHashMap<>();
    try {
      for (int i = 0; i < n; i++) {
        MemberArchive.Launch launch = archive == null ? null : archive.launch(i == 0);
        // Every member joins through the first, so they never form separate clusters that would merge later.
        Process p = launch(name, ports.get(i), List.of(ports.get(0)), allowList, launch);
        processes.put(ports.get(i), p);
        if (launch != null && launch.recording() != null) {
          recordings.put(p, launch.recording());
        }
      }
      // The client starts while the members do, retrying its connection until the first one listens: its own
      // start-up overlaps theirs instead of following it.
      HazelcastInstance client = HazelcastClient.newHazelcastClient(LocalConfigs.client(name, ports));
      LocalCluster cluster = new LocalCluster(processes, client, archive, recordings);
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

  /** The members' JVM options that an archive depends on. */
  private static final List<String> JVM_OPTIONS = jvmOptions();

  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    options.add("-XX:+UseSerialGC");
    // Not Runtime.version(): parsing it takes a cold JVM some 15 ms.
    if (Integer.parseInt(System.getProperty("java.specification.version")) >= 23) {
      // Hazelcast still uses sun.misc.Unsafe; without this, JDK 24+ prints a deprecation warning per member.
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    // What Hazelcast asks for on a modular JDK; without these it warns at start.
    options.addAll(
        List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
    return List.copyOf(options);
  }

  private static Process launch(
      String name, int port, List<Integer> seeds, AllowList allowList, MemberArchive.Launch archive) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(JVM_OPTIONS);
    if (archive != null) {
      command.addAll(archive.options());
    }
    // The JVM's unified logging writes to stdout (archive checks log harmless mismatches of the module options
    // above at error level).
    command.add("-Xlog:disable");
    command.add("-D" + AllowList.PROPERTY + "=" + String.join(",", allowList.extra()));
    command.add("-Djdk.serialFilter=" + allowList.asSerialFilter());
    command.add("-Dkryo.unsafe=" + System.getProperty("kryo.unsafe", "false"));
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

  /**
   * Picks free ports below the kernel's ephemeral range (32768 and up on Linux), so that a connection attempt
   * to a member not yet listening can never be answered by itself through a coincident source port.
   */
  private static List<Integer> freePorts(int n) {
    List<Integer> ports = new ArrayList<>();
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; ports.size() < n; attempt++) {
      if (attempt > 1000) {
        throw new IllegalStateException("no free port on 127.0.0.1 between 20000 and 32000");
      }
      int port = 20_000 + random.nextInt(12_000);
      if (!ports.contains(port) && free(port)) {
        ports.add(port);
      }
    }
    return ports;
  }

  private static boolean free(int port) {
    try {
      new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
      return true;
    } catch (IOException taken) {
      return false;
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
      awaitConnections();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the local cluster formed", e);
    } finally {
      client.getCluster().removeMembershipListener(listener);
    }
  }

  /**
   * Waits until the client has a connection of its own to every member. Until then it routes a request for a
   * member through another one, and a request routed through a member that dies fails although its target lives;
   * with its own connections, only the dead member's requests fail. Uses Hazelcast's client internals: there is
   * no public way to ask.
   */
  private void awaitConnections() throws InterruptedException {
    ClientConnectionManager connections = ((HazelcastClientProxy) client).client.getConnectionManager();
    Semaphore added = new Semaphore(0);
    connections.addConnectionListener(
        new ConnectionListener<ClientConnection>() {
          @Override
          public void connectionAdded(ClientConnection connection) {
            added.release();
          }

          @Override
          public void connectionRemoved(ClientConnection connection) {}
        });
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    if (!connectedToAll(connections) && connections instanceof TcpClientConnectionManager tcp) {
      // The client connects to members that joined after its own start only on a background task that runs
      // once a second, up to a second from now; this connects to them at once. (It also schedules one more such
      // task, which finds nothing to do while all connections are up.)
      tcp.tryConnectToAllClusterMembers(true);
    }
    while (!connectedToAll(connections)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("the client did not connect to every local member within " + START_TIMEOUT);
      }
      // The listener wakes this thread at each new connection; the short bound re-checks in case the last one
      // arrived between the check and the wait.
      added.tryAcquire(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS);
    }
  }

  private boolean connectedToAll(ClientConnectionManager connections) {
    return client.getCluster().getMembers().stream()
        .allMatch(m -> connections.getActiveConnection(m.getUuid()) != null);
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
   * @return removes the listener
   */
  public Runnable onMemberExit(IntConsumer listener) {
    exitListeners.add(listener);
    return () -> exitListeners.remove(listener);
  }

  /** Returns the process handles of the members, for tests and examples. */
  public List<ProcessHandle> members() {
    return processes.values().stream().map(Process::toHandle).toList();
  }

  /** Disconnects and stops every member: closes their standard input, then kills any that linger. */
  @Override
  public void close() {
    BY_CLIENT.remove(client);
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
      // Here as well as on exit: this JVM may end right after close(), before an exit callback runs.
      recordings.keySet().stream().filter(p -> !p.isAlive()).forEach(this::keepRecording);
    }
  }

  private void keepRecording(Process p) {
    Path recording = recordings.remove(p);
    if (recording != null) {
      archive.recorded(recording, p.exitValue());
    }
  }
}
