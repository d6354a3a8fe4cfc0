package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The checksum of an AOT cache, {@code worker-HASH.aot.crc32c}, written by the trainer before it moves the cache in
 * place and checked by pools once per JVM and file version before workers map the cache. A JVM maps a cache that
 * is damaged inside (not in its header) and crashes on it; its own check ({@code -XX:+VerifySharedSpaces}) would
 * cost every worker start about 20 ms, the one here costs a pool's JVM a few milliseconds once.
 */
final class AotChecksum {
  /** Verdicts by file: path, size and modification time. */
  private static final Map<String, Boolean> CHECKED = new ConcurrentHashMap<>();

  private AotChecksum() {}

  static Path fileOf(Path cache) {
    return cache.resolveSibling(cache.getFileName() + ".crc32c");
  }

  /** Writes the checksum of {@code content}, which will be moved to {@code cache}, atomically. */
  static void write(Path content, Path cache, String recordingId) throws IOException {
    Path tmp = cache.resolveSibling(cache.getFileName() + ".crc32c." + recordingId + ".tmp");
    Files.writeString(tmp, of(content), StandardCharsets.US_ASCII);
    Files.move(tmp, fileOf(cache), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Whether {@code cache} matches its checksum; false as well when either cannot be read. */
  static boolean matches(Path cache) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(cache, BasicFileAttributes.class);
      String key = cache + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
      Boolean verdict = CHECKED.get(key);
      if (verdict == null) {
        String expected = Files.readString(fileOf(cache), StandardCharsets.US_ASCII).trim();
        verdict = expected.equals(of(cache));
        CHECKED.put(key, verdict);
      }
      return verdict;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String of(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
