package org.pyfutures.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 25+, with a class path of jars, the first pool has an AOT cache made by a separate trainer JVM, without
 * waiting for it; later workers start from it; and a cache the JVM cannot use changes nothing but the speed.
 */
@Timeout(180)
@ExtendWith(NoLeftoverWorkers.class)
class AotCacheTest {
  private static final String PROPERTY = "pyfutures.cache.dir";
  /** Training is a few JVM starts and an assembly step: seconds, more on a loaded machine. */
  private static final Duration TRAINING = Duration.ofSeconds(150);

  @BeforeEach
  void onJdk24OrLater() {
    assumeTrue(Runtime.version().feature() >= 25, "the AOT cache is used from JDK 25 on");
  }

  @AfterEach
  void clearCacheDirectory() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void theFirstPoolHasACacheMadeQuietlyAndLaterWorkersStartFromIt(@TempDir Path dir) throws Exception {
    List<Path> classpath = ClassDataSharingTest.jarredClasspath(dir);
    Path cds = dir.resolve("cache").resolve("cds");
    System.setProperty(PROPERTY, dir.resolve("cache").toString());

    String firstStderr = capturingStderr(() -> {
      try (ProcessPoolExecutor first = TestPools.builder().maxWorkers(2).classpath(classpath).build()) {
        return first.submit(FaultTasks::identity, 1).result();
      }
    });
    assertEquals("", firstStderr);
    Path cache = awaitCache(cds);
    awaitNoTrainer();
    assertEquals(List.of(cache.getFileName().toString()), files(cds, "worker-*.aot"));
    assertEquals(List.of(), files(cds, "*.tmp"), "recordings left behind");
    assertEquals(List.of(), files(cds, "*.jsa"), "no dynamic archive beside the AOT cache");

    String log = capturingStderr(() -> {
      try (ProcessPoolExecutor second =
          TestPools.builder()
              .maxWorkers(1)
              .classpath(classpath)
              .jvmOptions(List.of("-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:stderr"))
              .build()) {
        return second.submit(FaultTasks::identity, 2).result();
      }
    });
    // The JDK's own archive never holds the worker's main class; the AOT cache made for this class path does.
    assertTrue(log.contains("org.pyfutures.process.internal.worker.WorkerMain source: shared objects file"), log);
  }

  @Test
  void aCorruptOrForeignCacheIsIgnoredSilently(@TempDir Path dir) throws Exception {
    List<Path> classpath = ClassDataSharingTest.jarredClasspath(dir);
    Path cds = dir.resolve("cache").resolve("cds");
    System.setProperty(PROPERTY, dir.resolve("cache").toString());
    try (ProcessPoolExecutor first = TestPools.builder().maxWorkers(1).classpath(classpath).build()) {
      assertEquals(1, first.submit(FaultTasks::identity, 1).result());
    }
    Path cache = awaitCache(cds);
    awaitNoTrainer();
    byte[] real = Files.readAllBytes(cache);

    byte[] garbage = "not an AOT cache".getBytes(StandardCharsets.US_ASCII);
    byte[] truncated = java.util.Arrays.copyOf(real, real.length / 3);
    byte[] flipped = real.clone();
    for (int i = real.length / 2; i < real.length / 2 + 4096; i++) {
      flipped[i] ^= (byte) 0x5a;
    }
    for (byte[] content : List.of(garbage, truncated, flipped)) {
      awaitCache(cds);
      awaitNoTrainer();
      Files.write(cache, content);
      String stderr = capturingStderr(() -> {
        try (ProcessPoolExecutor pool = TestPools.builder().maxWorkers(1).classpath(classpath).build()) {
          return pool.submit(FaultTasks::identity, 3).result();
        }
      });
      assertEquals("", stderr, "with a cache of " + content.length + " bytes");
      // A cache that does not match its checksum is deleted and made again.
    }
    awaitCache(cds);
    awaitNoTrainer();
    assertTrue(java.util.Arrays.equals(real, Files.readAllBytes(cache)) || Files.size(cache) > real.length / 2);

    // Another class path's cache: the JVM finds the class path it was made for missing and ignores it.
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    List<Path> otherClasspath = ClassDataSharingTest.jarredClasspath(other);
    System.setProperty(PROPERTY, dir.resolve("other-cache").toString());
    try (ProcessPoolExecutor pool = TestPools.builder().maxWorkers(1).classpath(otherClasspath).build()) {
      assertEquals(1, pool.submit(FaultTasks::identity, 1).result());
    }
    Path otherCache = awaitCache(dir.resolve("other-cache").resolve("cds"));
    awaitNoTrainer();
    // With its checksum and time, so that the pool takes it for its own and the JVM's own check rejects it.
    Files.copy(otherCache, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(otherCache.resolveSibling(otherCache.getFileName() + ".crc32"),
        cache.resolveSibling(cache.getFileName() + ".crc32"), StandardCopyOption.REPLACE_EXISTING);
    System.setProperty(PROPERTY, dir.resolve("cache").toString());
    String stderr = capturingStderr(() -> {
      try (ProcessPoolExecutor pool = TestPools.builder().maxWorkers(1).classpath(classpath).build()) {
        return pool.submit(FaultTasks::identity, 4).result();
      }
    });
    assertEquals("", stderr, "with another class path's cache");
    awaitNoTrainer();
  }

  /** Waits until a cache is in place in {@code cds}, and returns it. */
  static Path awaitCache(Path cds) {
    await("an AOT cache in " + cds)
        .atMost(TRAINING)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> files(cds, "worker-*.aot").size() == 1 || !files(cds, "*.failed").isEmpty());
    assertEquals(List.of(), list(cds, "*.failed"), () -> "training failed: " + read(cds, "*.aot.log"));
    return cds.resolve(list(cds, "worker-*.aot").get(0));
  }

  private static List<String> list(Path dir, String glob) {
    try {
      return files(dir, glob);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until no trainer launched by this JVM runs: none may outlive a test. */
  static void awaitNoTrainer() {
    await("AOT trainer JVMs to exit")
        .atMost(TRAINING)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ProcessHandle.current()
            .descendants()
            .noneMatch(p -> p.info().commandLine().orElse("").contains("AotTrainer")));
  }

  private static List<String> files(Path dir, String glob) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
      return files.map(Path::getFileName).filter(matcher::matches).map(Path::toString).sorted().toList();
    }
  }

  private static String read(Path dir, String glob) {
    try {
      StringBuilder text = new StringBuilder();
      for (String name : files(dir, glob)) {
        text.append(Files.readString(dir.resolve(name)));
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code body} with {@code System.err} captured, where a pool forwards its workers' stderr. */
  private static String capturingStderr(Callable<?> body) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      body.call();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
