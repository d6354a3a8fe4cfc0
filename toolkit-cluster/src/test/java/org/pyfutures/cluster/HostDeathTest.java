package org.pyfutures.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** No orphan members: local members exit on their own when the host JVM is killed with SIGKILL. */
@Timeout(120)
class HostDeathTest {

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void busyAndIdleMembersExitWhenTheirHostIsKilled(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("host.log");
    Process host =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HostMain.class.getName())
            .redirectError(log.toFile())
            .start();
    List<Long> members;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null, () -> "the host printed no pids; its log:\n" + read(log));
      members = Arrays.stream(line.trim().split(" ")).map(Long::valueOf).toList();
      assertEquals(2, members.size(), line);
      assertTrue(members.stream().allMatch(HostDeathTest::alive));
    } finally {
      host.destroyForcibly();
      host.waitFor();
    }
    await("members " + members + " outliving their killed host")
        .atMost(Duration.ofSeconds(20))
        .until(() -> members.stream().noneMatch(HostDeathTest::alive));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
