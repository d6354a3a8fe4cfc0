package org.pyfutures.process.internal.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's resident set size, as Linux reports it in {@code /proc/self/status}; 0 where that is unavailable. */
final class ResidentMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ResidentMemory() {}

  static long bytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      // Not Linux, or no procfs: the limit is inactive.
    }
    return 0;
  }
}
