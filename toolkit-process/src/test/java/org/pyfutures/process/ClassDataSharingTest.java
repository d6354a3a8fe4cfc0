package org.pyfutures.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a class path of jars, the first worker records a class-data-sharing archive as it exits, and later workers
 * load their classes from it.
 */
@Timeout(120)
@ExtendWith(NoLeftoverWorkers.class)
class ClassDataSharingTest {
  private static final String PROPERTY = "pyfutures.cache.dir";

  @AfterEach
  void clearCacheDirectory() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void laterWorkersStartFromTheArchiveTheFirstOneRecorded(@TempDir Path dir) throws Exception {
    assumeTrue(Runtime.version().feature() < 25, "JDK 25+ workers use an AOT cache (AotCacheTest)");
    List<Path> classpath = jarredClasspath(dir);
    Path cache = dir.resolve("cache");
    System.setProperty(PROPERTY, cache.toString());

    try (ProcessPoolExecutor first = TestPools.builder().maxWorkers(1).classpath(classpath).build()) {
      assertEquals(1, first.submit(FaultTasks::identity, 1).result());
    }
    List<Path> archives;
    try (Stream<Path> files = Files.list(cache.resolve("cds"))) {
      archives = files.toList();
    }
    assertEquals(1, archives.size(), "archives: " + archives);
    assertTrue(archives.get(0).toString().endsWith(".jsa"), archives::toString);

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ProcessPoolExecutor second =
        TestPools.builder()
            .maxWorkers(1)
            .classpath(classpath)
            .jvmOptions(List.of("-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:stderr"))
            .build()) {
      assertEquals(2, second.submit(FaultTasks::identity, 2).result());
    } finally {
      System.setErr(original);
    }
    // The task's own class is one of the application classes the archive holds.
    await("FaultTasks loaded from the archive")
        .atMost(Duration.ofSeconds(5))
        .until(() -> captured.toString(StandardCharsets.UTF_8).contains("FaultTasks source: shared objects file"));
  }

  @Test
  void aClasspathWithADirectoryNeverRecordsAnArchive(@TempDir Path dir) {
    System.setProperty(PROPERTY, dir.toString());
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      assertEquals(1, pool.submit(FaultTasks::identity, 1).result());
    }
    assertTrue(Files.notExists(dir.resolve("cds")) || isEmpty(dir.resolve("cds")));
  }

  static boolean isEmpty(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** This test's class path with every directory replaced by a jar of its contents. */
  static List<Path> jarredClasspath(Path dir) throws IOException {
    List<Path> jars = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) {
        Path jar = dir.resolve("dir" + n++ + ".jar");
        jar(path, jar);
        jars.add(jar);
      } else if (Files.isRegularFile(path)) {
        jars.add(path);
      }
    }
    return jars;
  }

  @Test
  void theCacheDirectoryIsPrivateAndStaleRecordingsOfDeadJvmsAreSwept(@TempDir Path dir) throws Exception {
    List<Path> classpath = jarredClasspath(dir);
    Path cache = dir.resolve("cache");
    System.setProperty(PROPERTY, cache.toString());
    try (ProcessPoolExecutor first = TestPools.builder().maxWorkers(1).classpath(classpath).build()) {
      assertEquals(1, first.submit(FaultTasks::identity, 1).result());
    }
    Path cds = cache.resolve("cds");
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cds)));
    List<Path> stale = new ArrayList<>();
    List<Path> live = new ArrayList<>();
    for (String kind : List.of("jsa", "aot", "aotconf", "aot.crc32")) {
      stale.add(Files.createFile(cds.resolve("worker-0123abcd." + kind + ".999999999-1.tmp")));
      String pid = Long.toString(ProcessHandle.current().pid());
      live.add(Files.createFile(cds.resolve("worker-0123abcd." + kind + "." + pid + "-99.tmp")));
    }
    try (ProcessPoolExecutor second = TestPools.builder().maxWorkers(1).classpath(classpath).build()) {
      stale.forEach(f -> assertFalse(Files.exists(f), "a dead JVM's recording is swept when a pool starts: " + f));
      live.forEach(f -> assertTrue(Files.exists(f), "a live JVM's recording is left alone: " + f));
    }
    AotCacheTest.awaitNoTrainer();
  }

  @Test
  void optionsThatPickTheSharingModeThemselvesAreLeftAlone(@TempDir Path dir) throws Exception {
    List<Path> classpath = jarredClasspath(dir);
    System.setProperty(PROPERTY, dir.resolve("cache").toString());
    for (String option : List.of("-Xshare:off", "-Xshare:auto")) {
      try (ProcessPoolExecutor pool =
          TestPools.builder().maxWorkers(1).classpath(classpath).jvmOptions(List.of(option)).build()) {
        assertEquals(1, pool.submit(FaultTasks::identity, 1).result(), option);
      }
    }
    assertTrue(Files.notExists(dir.resolve("cache").resolve("cds")) || isEmpty(dir.resolve("cache").resolve("cds")));
  }

  private static void jar(Path root, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
  }
}
