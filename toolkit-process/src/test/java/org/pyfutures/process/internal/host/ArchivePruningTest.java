package org.pyfutures.process.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cache directory keeps the archives of the most recent class path and option sets only. */
@Timeout(30)
class ArchivePruningTest {
  @TempDir Path dir;

  private void archive(String key, long minute, String... suffixes) throws IOException {
    for (String suffix : suffixes) {
      Path file = Files.writeString(dir.resolve("worker-" + key + suffix), "x");
      Files.setLastModifiedTime(file, FileTime.fromMillis(minute * 60_000));
    }
  }

  private Set<String> keys() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString().replaceAll("^worker-([0-9a-f]+)\\..*$", "$1"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void onlyTheNewestArchivesAndTheCurrentOneAreKeptWithAllTheirFiles() throws IOException {
    for (int i = 0; i < 12; i++) {
      archive("a" + Integer.toHexString(i), 100 + i, ".jsa", ".aot", ".aot.crc32", ".aot.log", ".aot.lock");
    }
    archive("c0", 1, ".aot");
    ClassDataSharing.pruneOldArchives(dir, "worker-c0", 4);
    assertEquals(new TreeSet<>(Set.of("c0", "a9", "aa", "ab")), keys());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(16, files.count(), "the kept keys keep every file of theirs");
    }
  }

  @Test
  void fewerArchivesThanKeptAreLeftAlone() throws IOException {
    archive("a1", 1, ".jsa");
    archive("a2", 2, ".aot", ".aot.failed");
    ClassDataSharing.pruneOldArchives(dir, "worker-b0", 8);
    assertEquals(new TreeSet<>(Set.of("a1", "a2")), keys());
  }
}
