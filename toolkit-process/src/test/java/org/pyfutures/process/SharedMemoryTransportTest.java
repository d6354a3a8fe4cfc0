package org.pyfutures.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.contract.Rendezvous;

/**
 * Payloads from 1 MiB up cross through shared memory in both directions, intact, several at once; the files are
 * gone from the directory as soon as both sides have mapped them, and after a worker killed mid-transfer; the pool
 * falls back to the pipe where there is no usable directory; a new pool sweeps what dead pools left.
 */
@Timeout(120)
@ExtendWith(NoLeftoverWorkers.class)
class SharedMemoryTransportTest {
  private static final String DIRECTORY = "pyfutures.process.shm.dir";
  private static final Path DEV_SHM = Path.of("/dev/shm");

  static boolean devShm() {
    return Files.isDirectory(DEV_SHM) && Files.isWritable(DEV_SHM);
  }

  /** What a worker sends back: its result bytes, and whether it holds a mapping of one of our shared files. */
  record Echoed(byte[] bytes, boolean workerMapsSharedFile) {}

  static Echoed echoAndTell(byte[] bytes) {
    return new Echoed(bytes, mapsSharedFile());
  }

  static byte[] echo(byte[] bytes) {
    return bytes;
  }

  /** Bytes made in the worker, from a seed: the reply is large while the task is small. */
  static byte[] generate(long seed, int size) {
    return random(seed, size);
  }

  static int length(byte[] bytes, Stall stall) {
    return bytes.length + stall.hashCode();
  }

  static boolean mapsSharedFile() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
      return lines.anyMatch(line -> line.contains("pyfutures-shm-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Files of pools of this process in {@code directory}. */
  static List<Path> ours(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("pyfutures-shm-" + ProcessHandle.current().pid() + "-"))
          .toList();
    }
  }

  static ProcessPoolExecutor poolIn(Path directory, int workers) {
    String before = System.getProperty(DIRECTORY);
    System.setProperty(DIRECTORY, directory.toString());
    try {
      return TestPools.pool(workers);
    } finally {
      if (before == null) {
        System.clearProperty(DIRECTORY);
      } else {
        System.setProperty(DIRECTORY, before);
      }
    }
  }

  @Test
  @EnabledIf("devShm")
  void bigPayloadsCrossBothWaysIntactThroughSharedMemory() throws IOException {
    byte[] task = random(1, 16 << 20);
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      Echoed back = pool.submit(SharedMemoryTransportTest::echoAndTell, task).result();
      assertArrayEquals(task, back.bytes());
      assertTrue(back.workerMapsSharedFile(), "the worker mapped the task's shared file");
      assertTrue(mapsSharedFile(), "the pool mapped the reply's shared file");
      // Different sizes reuse and grow the mappings; small replies to big tasks and big replies to small tasks.
      for (int size : new int[] {3 << 20, 1 << 20, 40 << 20, 5 << 20}) {
        byte[] made = pool.submit(SharedMemoryTransportTest::generate, (long) size, size).result();
        assertArrayEquals(random(size, size), made);
        byte[] bytes = random(size + 1, size);
        assertArrayEquals(bytes, pool.submit(SharedMemoryTransportTest::echo, bytes).result());
      }
      assertEquals(List.of(), ours(DEV_SHM), "each file is unlinked once both sides have mapped it");
    }
    assertEquals(List.of(), ours(DEV_SHM));
  }

  @Test
  @EnabledIf("devShm")
  void severalBigPayloadsInFlightAtOnceStayIntact() throws IOException {
    List<byte[]> inputs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      inputs.add(random(100 + i, 4 << 20));
    }
    try (ProcessPoolExecutor pool = TestPools.pool(2)) {
      for (int round = 0; round < 3; round++) {
        List<Future<byte[]>> futures = new ArrayList<>();
        for (byte[] input : inputs) {
          futures.add(pool.submit(SharedMemoryTransportTest::echo, input));
        }
        for (int i = 0; i < inputs.size(); i++) {
          assertArrayEquals(inputs.get(i), futures.get(i).result(), "payload " + i + " of round " + round);
        }
        List<byte[]> mapped = pool.map(SharedMemoryTransportTest::echo, inputs).toList();
        for (int i = 0; i < inputs.size(); i++) {
          assertArrayEquals(inputs.get(i), mapped.get(i), "mapped payload " + i + " of round " + round);
        }
      }
    }
    assertEquals(List.of(), ours(DEV_SHM));
  }

  @Test
  void fallsBackToThePipeWhenTheDirectoryDoesNotExist(@TempDir Path temp) {
    byte[] task = random(2, 3 << 20);
    try (ProcessPoolExecutor pool = poolIn(temp.resolve("absent"), 1)) {
      Echoed back = pool.submit(SharedMemoryTransportTest::echoAndTell, task).result();
      assertArrayEquals(task, back.bytes());
      assertFalse(back.workerMapsSharedFile(), "nothing was shared");
    }
  }

  @Test
  void fallsBackToThePipeWhenTheDirectoryIsAFile(@TempDir Path temp) throws IOException {
    Path file = Files.createFile(temp.resolve("not-a-directory"));
    byte[] task = random(3, 3 << 20);
    try (ProcessPoolExecutor pool = poolIn(file, 1)) {
      assertArrayEquals(task, pool.submit(SharedMemoryTransportTest::echoAndTell, task).result().bytes());
    }
  }

  @Test
  void aPoolSweepsTheFilesOfDeadPoolsOnly(@TempDir Path temp) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long dead = gone.pid();
    long live = ProcessHandle.current().pid();
    Path deadFile = Files.createFile(temp.resolve("pyfutures-shm-" + dead + "-1f2e-4242-t1"));
    Path deadReply = Files.createFile(temp.resolve("pyfutures-shm-" + dead + "-1f2e-4243-r7"));
    Path liveFile = Files.createFile(temp.resolve("pyfutures-shm-" + live + "-1f2e-4242-t1"));
    Path notOurs = Files.createFile(temp.resolve("pyfutures-shm-" + dead + "-other"));
    try (ProcessPoolExecutor pool = poolIn(temp, 1)) {
      assertFalse(Files.exists(deadFile), "a dead pool's task file is swept");
      assertFalse(Files.exists(deadReply), "a dead pool's reply file is swept");
      assertTrue(Files.exists(liveFile), "a live pool's file stays");
      assertTrue(Files.exists(notOurs), "a file of another pattern stays");
    }
  }

  @Test
  @EnabledIf("devShm")
  void aWorkerKilledMidTransferIsReportedAndLeavesNoFile() throws Exception {
    try (Rendezvous rendezvous = new Rendezvous()) {
      Future<Integer> f;
      long victim;
      try (ProcessPoolExecutor pool = TestPools.pool(1)) {
        byte[] big = random(4, 24 << 20);
        // The worker decodes the big bytes out of the mapping, then blocks while decoding the Stall after them.
        f = pool.submit(SharedMemoryTransportTest::length, big, new Stall(rendezvous.gate()));
        rendezvous.awaitArrivals(1);
        victim = Long.parseLong(rendezvous.arrivals().get(0).split(" ")[1]);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class, f::result);
        assertTrue(broken.getMessage().contains("pid " + victim), broken::getMessage);
      }
      await("files of the killed worker deleted").atMost(Duration.ofSeconds(10)).until(() -> ours(DEV_SHM).isEmpty());
    }
  }

  @Test
  @EnabledIf("devShm")
  void aReplyWhollyInSharedMemoryIsDeliveredThoughItsWorkerDiesWhileItIsDecoded() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Payloads.HookedOnRead.killWorkerOnRead(pid);
      Future<Payloads.HookedOnRead> f = pool.submit(FaultTasks::hookedReply, 8 << 20);
      assertEquals(8 << 20, f.result(Duration.ofSeconds(30)).size(), "the reply was complete when its frame came");
      await("the pool broken by the death")
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                BrokenProcessPoolException broken =
                    assertThrows(BrokenProcessPoolException.class, () -> pool.submit(FaultTasks::pid));
                assertTrue(broken.getMessage().contains("pid " + pid), broken::getMessage);
              });
    } finally {
      Payloads.HookedOnRead.onRead = null;
    }
  }

  /** Blocks at a gate while a worker decodes it; the pool only ever encodes it. */
  static final class Stall implements KryoSerializable {
    private int port;

    Stall() {}

    Stall(Rendezvous.Gate gate) {
      this.port = gate.port();
    }

    @Override
    public void write(Kryo kryo, Output output) {
      output.writeInt(port);
    }

    @Override
    public void read(Kryo kryo, Input input) {
      port = input.readInt();
      new Rendezvous.Gate(port).await("decoding " + ProcessHandle.current().pid());
    }
  }
}
