package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pyfutures.process.internal.host.PoolConfig;

/**
 * Trainers started at once for one cache, as by pools in two JVMs, make it once: the second finds the first's lock
 * (or the finished cache) and leaves, and neither leaves a failure or a recording behind.
 */
@Timeout(300)
@ExtendWith(NoLeftoverWorkers.class)
class AotTrainerTest {
  private static final String TRAINER = "org.pyfutures.process.internal.host.AotTrainer";

  @Test
  void twoTrainersForOneCacheMakeItOnce(@TempDir Path dir) throws Exception {
    assumeTrue(Runtime.version().feature() >= 25, "the AOT cache is used from JDK 25 on");
    List<Path> classpath = ClassDataSharingTest.jarredClasspath(dir);
    Path cds = Files.createDirectories(dir.resolve("cds"));
    Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwx------"));
    Path cache = cds.resolve("worker-0123456789abcdef01234567.aot");
    String java = PoolConfig.defaultJavaExecutable().toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
            TRAINER,
            cache.toString(),
            java,
            "-XX:TieredStopAtLevel=1");
    List<Process> trainers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      trainers.add(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("trainer-" + i + ".log").toFile())
              .start());
    }
    StringBuilder logs = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      Process trainer = trainers.get(i);
      trainer.getOutputStream().close();
      if (!trainer.waitFor(240, TimeUnit.SECONDS)) {
        trainers.forEach(Process::destroyForcibly);
      }
      logs.append(Files.readString(dir.resolve("trainer-" + i + ".log"), StandardCharsets.UTF_8));
      assertEquals(0, trainer.exitValue(), logs::toString);
    }
    assertTrue(Files.isRegularFile(cache), logs::toString);
    assertTrue(Files.isRegularFile(cds.resolve(cache.getFileName() + ".crc32")), logs::toString);
    assertEquals(1, logs.toString().split("AOT cache ready", -1).length - 1, logs::toString);
    try (Stream<Path> files = Files.list(cds)) {
      List<String> left =
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".failed")).toList();
      assertEquals(List.of(), left);
    }
  }
}
