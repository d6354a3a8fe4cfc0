package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The feature version (21, 25, …) of the JDK a worker launcher belongs to, without starting it. */
final class JavaRelease {
  private JavaRelease() {}

  /**
   * This JVM's own version when {@code javaExecutable} is this JVM's launcher, else the {@code JAVA_VERSION} of the
   * {@code release} file two levels above the launcher's real path; 0 when neither tells.
   */
  static int feature(Path javaExecutable) {
    try {
      Path real = javaExecutable.toRealPath();
      Path own = Path.of(System.getProperty("java.home"), "bin", real.getFileName().toString());
      if (Files.exists(own) && Files.isSameFile(own, real)) {
        return Runtime.version().feature();
      }
      Path home = real.getParent() == null ? null : real.getParent().getParent();
      if (home == null) {
        return 0;
      }
      for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
        if (line.startsWith("JAVA_VERSION=")) {
          return Runtime.Version.parse(line.substring("JAVA_VERSION=".length()).replace("\"", "").trim()).feature();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unknown: the caller takes the path that works on every supported JDK.
    }
    return 0;
  }
}
