package org.pyfutures.cluster.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.pyfutures.internal.CacheDirectory;

/**
 * The class-data-sharing archive of local members ({@code -XX:SharedArchiveFile}): Hazelcast loads thousands of
 * classes, and with the archive a member starts in about half the CPU time. One archive per key, in the user's
 * private cache directory ({@code <pyfutures.cache.dir | $XDG_CACHE_HOME/pyfutures | ~/.cache/pyfutures>/cds}, as
 * the process pool's): the key covers the JDK, the members' JVM options and every class path jar's path, size and
 * time, so a rebuilt jar gets a new archive instead of one the JVM rejects (a stale archive is never rewritten by
 * the JVM: it only writes a missing one, at an orderly exit).
 *
 * <p>While the archive is missing, the first member of a cluster records one at exit ({@code
 * -XX:ArchiveClassesAtExit}, which {@code Runtime.halt} honours) into a file named after this JVM; once that
 * member has exited cleanly the file is moved into place atomically, so members of other clusters, in this JVM or
 * others, never map half an archive. Only for a class path of jar files, the one kind an archive can cover.
 */
final class MemberArchive {
  /** Archives kept in the cache directory, the newest ones: each is about 25 MB. */
  static final int KEPT = 4;

  private static final AtomicInteger RECORDINGS = new AtomicInteger();

  private final Path archive;

  private MemberArchive(Path archive) {
    this.archive = archive;
  }

  /**
   * Returns the archive for members started with this JVM's {@code java} and class path, or null when the class
   * path is not all jars or the cache directory cannot be used.
   *
   * @param memberOptions the members' JVM options, part of the key
   */
  static MemberArchive forMembers(List<String> memberOptions) {
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.isEmpty()) {
      return null;
    }
    List<Path> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      entries.add(Path.of(entry));
    }
    return of(CacheDirectory.archives(), entries, memberOptions);
  }

  /**
   * Returns the archive in {@code dir} for this JDK, {@code classPath} and options, or null when an entry of
   * {@code classPath} is not a jar file or {@code dir} cannot be created.
   */
  static MemberArchive of(Path dir, List<Path> classPath, List<String> memberOptions) {
    try {
      StringBuilder key = new StringBuilder();
      key.append(System.getProperty("java.home")).append('\n');
      key.append(System.getProperty("java.runtime.version")).append('\n');
      memberOptions.forEach(o -> key.append(o).append('\n'));
      for (Path entry : classPath) {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
          return null;
        }
        key.append(entry.toRealPath()).append(' ').append(Files.size(entry)).append(' ');
        key.append(Files.getLastModifiedTime(entry).toMillis()).append('\n');
      }
      CacheDirectory.createPrivate(dir);
      return new MemberArchive(dir.resolve("member-" + hash(key.toString()) + ".jsa"));
    } catch (IOException | RuntimeException e) {
      debug("no class-data-sharing archive for local members", e);
      return null;
    }
  }

  Path file() {
    return archive;
  }

  /** Starts a member: maps the archive, records it, or neither. */
  Launch launch(boolean mayRecord) {
    if (Files.isRegularFile(archive)) {
      return new Launch(List.of("-XX:SharedArchiveFile=" + archive), null);
    }
    if (!mayRecord) {
      return new Launch(List.of(), null);
    }
    // Only now, the archive being missing: every start pays for what happens before, and a cold JVM is slow at
    // file-name globbing and digests (some 60 ms on two busy cores).
    try {
      // Recordings whose host died before it could keep or delete them: member-HASH.jsa.PID-N.tmp, PID the host's.
      CacheDirectory.sweepRecordings(
          archive.getParent(), "member-*.tmp", Pattern.compile("member-[0-9a-f]+\\.jsa\\.([0-9]+)-[0-9]+\\.tmp"));
      prune(archive.getParent(), archive.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      debug("could not tidy the member archives in " + archive.getParent(), e);
    }
    String id = ProcessHandle.current().pid() + "-" + RECORDINGS.incrementAndGet();
    Path to = archive.resolveSibling(archive.getFileName() + "." + id + ".tmp");
    return new Launch(List.of("-XX:ArchiveClassesAtExit=" + to), to);
  }

  /** A member's archive options; {@code recording} is where it writes an archive at exit, or null. */
  record Launch(List<String> options, Path recording) {}

  /**
   * Called once a recording member has exited: keeps its archive if it exited cleanly (a member killed by a signal
   * may have written part of one), else deletes it. Safe to call twice.
   */
  void recorded(Path recording, int exitStatus) {
    try {
      if (exitStatus == 0 && Files.isRegularFile(recording) && Files.size(recording) > 0) {
        Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(recording);
      }
    } catch (IOException e) {
      debug("could not keep the member archive " + recording, e);
    }
  }

  /** Keeps the {@link #KEPT} newest archives, {@code current} counting as one; a JVM keeps what it has mapped. */
  private static void prune(Path dir, String current) throws IOException {
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "member-*.jsa")) {
      for (Path file : files) {
        if (!file.getFileName().toString().equals(current)) {
          others.add(file);
        }
      }
    }
    if (others.size() < KEPT) {
      return;
    }
    others.sort(Comparator.comparing(MemberArchive::modified).reversed());
    for (Path old : others.subList(KEPT - 1, others.size())) {
      Files.deleteIfExists(old);
    }
  }

  /** The logger is looked up only when needed: in a cold JVM that takes some 10 ms. */
  private static void debug(String message, Throwable e) {
    System.getLogger("org.pyfutures.cluster").log(System.Logger.Level.DEBUG, message, e);
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException gone) {
      return 0;
    }
  }

  /** Two 64-bit FNV-1a hashes with different offsets: no collision to fear among a handful of keys. */
  private static String hash(String s) {
    long a = 0xcbf29ce484222325L;
    long b = 0x84222325cbf29ce4L;
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      a = (a ^ (x & 0xff)) * 0x100000001b3L;
      b = (b ^ (x & 0xff)) * 0x100000001b3L;
    }
    return Long.toHexString(a).concat(Long.toHexString(b));
  }
}
