package org.pyfutures.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory where pools keep the class-data archives of the JVMs they start (process workers, local cluster
 * members): {@code <pyfutures.cache.dir | $XDG_CACHE_HOME/pyfutures | ~/.cache/pyfutures>/cds}, readable by this
 * user only, since a JVM maps whatever archive it is given.
 */
public final class CacheDirectory {
  /** The system property that moves the cache directory, as {@code XDG_CACHE_HOME} does. */
  public static final String PROPERTY = "pyfutures.cache.dir";

  private CacheDirectory() {}

  /** Returns the archives' directory, which may not exist yet. */
  public static Path archives() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isEmpty()) {
      return Path.of(property).resolve("cds");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("pyfutures").resolve("cds");
  }

  /**
   * Creates {@code dir}, with its missing parents, readable by this user only where the file system has POSIX
   * permissions; an existing directory is left as it is.
   *
   * @throws IOException if it cannot be created
   */
  public static void createPrivate(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Deletes the recordings in {@code dir} whose recording process is gone: files matching {@code glob} whose name
   * matches {@code recording}, group 1 being the pid of the process that owns it (a name that does not match is
   * deleted too). Nothing else would ever delete them.
   *
   * @throws IOException if the directory cannot be listed or a file deleted
   */
  public static void sweepRecordings(Path dir, String glob, Pattern recording) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      for (Path file : files) {
        Matcher m = recording.matcher(file.getFileName().toString());
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        Files.deleteIfExists(file);
      }
    }
  }
}
