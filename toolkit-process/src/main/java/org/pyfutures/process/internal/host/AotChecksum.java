package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * What an AOT cache was when its trainer moved it in place, {@code worker-HASH.aot.crc32}: its size, modification
 * time and CRC-32, written before the cache is moved in place. A JVM maps a cache that is damaged past its header
 * and crashes on it (its own check, {@code -XX:+VerifySharedSpaces}, would cost every worker start about 20 ms),
 * so a pool checks the cache before a worker maps it: size and time at once (a cache rewritten, truncated or
 * replaced since), the CRC (5–10 ms for 16 MB) on a thread of its own once per JVM and file, deleting a cache that
 * does not match so that the next pool has it made again.
 */
final class AotChecksum {
  /** Files whose content check has started in this JVM: path, size and time. */
  private static final Set<String> CONTENT_CHECKED = ConcurrentHashMap.newKeySet();

  private static final System.Logger LOG = System.getLogger("org.pyfutures.process");

  private AotChecksum() {}

  static Path fileOf(Path cache) {
    return cache.resolveSibling(cache.getFileName() + ".crc32");
  }

  /** Describes {@code content}, which will be moved to {@code cache}, in {@code cache}'s checksum file, atomically. */
  static void write(Path content, Path cache, String recordingId) throws IOException {
    Path tmp = cache.resolveSibling(cache.getFileName() + ".crc32." + recordingId + ".tmp");
    Files.writeString(tmp, describe(content) + " " + crc(content), StandardCharsets.US_ASCII);
    Files.move(tmp, fileOf(cache), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Whether {@code cache} is the file its trainer described; false as well when either cannot be read. Starts the
   * content check the first time this JVM sees this version of the file.
   */
  static boolean matches(Path cache) {
    try {
      String description = describe(cache);
      String[] recorded = Files.readString(fileOf(cache), StandardCharsets.US_ASCII).trim().split(" ");
      if (recorded.length != 3 || !description.equals(recorded[0] + " " + recorded[1])) {
        return false;
      }
      if (CONTENT_CHECKED.add(cache + " " + description)) {
        Thread.ofPlatform().daemon().name("pyfutures-aot-check").start(() -> checkContent(cache, recorded[2]));
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void checkContent(Path cache, String expected) {
    try {
      if (!crc(cache).equals(expected)) {
        LOG.log(System.Logger.Level.DEBUG, "deleting the damaged AOT cache " + cache);
        Files.deleteIfExists(cache);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not check the AOT cache " + cache, e);
    }
  }

  private static String describe(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return attributes.size() + " " + attributes.lastModifiedTime().toInstant();
  }

  /** CRC-32 rather than CRC-32C: its native code is fast before the JIT has compiled anything. */
  private static String crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return Long.toHexString(crc.getValue());
  }
}
