package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyfutures.internal.CacheDirectory;

/**
 * A class-data-sharing archive for worker JVMs, kept in the user's cache directory and keyed by everything that
 * would invalidate it: the launcher, the options and every class path jar's path, size and time. When the workers'
 * JDK is 24 or later, that is an AOT cache ({@link AotCache}, JEP 483/515); otherwise, or once making one failed,
 * a dynamic archive (JEP 350), as follows.
 *
 * <p>When the archive is missing, the first worker a pool starts records one at exit ({@code
 * -XX:ArchiveClassesAtExit}) into a file of its own, which the pool moves into place once that worker has exited
 * cleanly; an atomic move means concurrent pools never see half an archive. Later workers start from it with
 * {@code -XX:SharedArchiveFile}; {@code -Xshare:auto} makes any archive the JVM rejects harmless. The JVM refuses to
 * dump with a directory on the class path, so this applies only when the class path is all jars.
 */
final class ClassDataSharing {
  private static final AtomicInteger RECORDINGS = new AtomicInteger();
  private static final System.Logger LOG = System.getLogger("org.pyfutures.process");
  /** A recording in progress: {@code worker-HASH.(jsa|aot|aotconf).PID-N.tmp}, PID the recording JVM's. */
  private static final Pattern RECORDING =
      Pattern.compile("worker-[0-9a-f]+\\.(?:jsa|aot|aotconf|aot\\.crc32)\\.([0-9]+)-[0-9]+\\.tmp");

  private final Path archive;
  private final AotCache aot;
  private final AtomicBoolean recording = new AtomicBoolean();
  private volatile Path recordingTo;
  private volatile int recordingWorker = -1;

  private ClassDataSharing(Path archive, AotCache aot) {
    this.archive = archive;
    this.aot = aot;
  }

  /** Returns the archive manager for a pool, or null when the class path or the cache directory rules it out. */
  static ClassDataSharing of(PoolConfig config) {
    if (config.classpath().isEmpty() || config.jvmOptions().stream().anyMatch(WorkerCommand::picksSharing)) {
      return null;
    }
    try {
      StringBuilder key = new StringBuilder();
      key.append(config.javaExecutable().toRealPath()).append('\n');
      key.append(Files.getLastModifiedTime(config.javaExecutable().toRealPath())).append('\n');
      WorkerCommand.defaultOptions(config.jvmOptions()).forEach(o -> key.append(o).append('\n'));
      // Logging options change nothing an archive holds.
      config.jvmOptions().stream().filter(o -> !o.startsWith("-Xlog")).forEach(o -> key.append(o).append('\n'));
      for (Path entry : config.classpath()) {
        if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
          return null;
        }
        key.append(entry.toRealPath()).append(' ').append(Files.size(entry)).append(' ');
        key.append(Files.getLastModifiedTime(entry)).append('\n');
      }
      Path dir = CacheDirectory.archives();
      CacheDirectory.createPrivate(dir);
      sweepStaleRecordings(dir);
      String name = "worker-" + sha256(key.toString());
      pruneOldArchives(dir, name, KEPT_ARCHIVES);
      AotCache aot = JavaRelease.feature(config.javaExecutable()) >= AotCache.MIN_FEATURE
          ? AotCache.of(config, dir, name) : null;
      return new ClassDataSharing(dir.resolve(name + ".jsa"), aot);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "no class-data-sharing archive for worker JVMs", e);
      return null;
    }
  }

  /**
   * Deletes recordings left by JVMs that died while recording ({@code worker-*.PID-N.tmp} whose PID is no longer
   * alive): nothing else would.
   */
  static void sweepStaleRecordings(Path dir) {
    try {
      CacheDirectory.sweepRecordings(dir, "worker-*.tmp", RECORDING);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not sweep stale class-data-sharing recordings in " + dir, e);
    }
  }

  /** Class path and option sets whose archives are kept: every rebuilt jar makes a new one (an AOT cache is ~15 MB). */
  static final int KEPT_ARCHIVES = 8;

  private static final Pattern ARCHIVE = Pattern.compile("(worker-[0-9a-f]+)\\.(?:jsa|aot)");

  /**
   * Deletes the archives of all but the {@code kept} most recently made keys, {@code current} aside, with every file
   * that belongs to them (checksums, logs, locks, markers). A JVM that has one mapped keeps its mapping.
   */
  static void pruneOldArchives(Path dir, String current, int kept) {
    java.util.Map<String, Long> newest = new java.util.HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "worker-*")) {
      for (Path file : files) {
        Matcher m = ARCHIVE.matcher(file.getFileName().toString());
        if (m.matches() && !m.group(1).equals(current)) {
          newest.merge(m.group(1), Files.getLastModifiedTime(file).toMillis(), Math::max);
        }
      }
      if (newest.size() < kept) {
        return;
      }
      List<String> old = newest.entrySet().stream()
          .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
          .skip(kept - 1)
          .map(java.util.Map.Entry::getKey)
          .toList();
      for (String name : old) {
        try (DirectoryStream<Path> own = Files.newDirectoryStream(dir, name + ".*")) {
          for (Path file : own) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not prune old class-data-sharing archives in " + dir, e);
    }
  }

  private static String sha256(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Path archive() {
    return archive;
  }

  /** The options for a worker about to start. */
  List<String> optionsFor(int workerNumber) {
    if (aot != null && !aot.failed()) {
      return aot.options();
    }
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    if (recording.compareAndSet(false, true)) {
      // Unique per recording: two pools of one JVM may record the same archive at once.
      String recordingId = ProcessHandle.current().pid() + "-" + RECORDINGS.incrementAndGet();
      Path to = archive.resolveSibling(archive.getFileName() + "." + recordingId + ".tmp");
      recordingTo = to;
      recordingWorker = workerNumber;
      // Recording warns about every class it cannot archive (JFR events, say); none of that is actionable.
      return List.of("-XX:ArchiveClassesAtExit=" + to, "-Xlog:cds*=error:stderr");
    }
    return List.of();
  }

  /** Called once a worker has started: a missing AOT cache is made a while later. */
  void started() {
    if (aot != null) {
      aot.workerStarted();
    }
  }

  /** Called once a worker has exited: a missing AOT cache is made now; a freshly recorded archive moves in place. */
  void exited(int workerNumber, int status) {
    if (aot != null) {
      aot.workerExited();
    }
    Path to = recordingTo;
    if (workerNumber != recordingWorker || to == null) {
      return;
    }
    recordingTo = null;
    try {
      if (status == 0 && Files.isRegularFile(to)) {
        Files.move(to, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(to);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not keep the class-data-sharing archive " + to, e);
    }
  }
}
