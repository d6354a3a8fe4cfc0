package org.pyfutures.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyfutures.contract.Rendezvous;

/** No orphan JVMs: workers exit on their own when the process that owns the pool dies, even by SIGKILL. */
@Timeout(90)
class ParentDeathTest {

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void busyAndIdleWorkersExitWithinSecondsOfTheirParentBeingKilled(@TempDir Path dir) throws Exception {
    try (Rendezvous rendezvous = new Rendezvous()) {
      Path log = dir.resolve("parent.log");
      Process parent =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  PoolParentMain.class.getName(),
                  Integer.toString(rendezvous.gate().port()))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(log.toFile())
              .start();
      List<Long> workers;
      try {
        rendezvous.awaitArrivals(2, Duration.ofSeconds(60));
        workers = rendezvous.arrivals().stream().map(a -> Long.parseLong(a.split(" ")[1])).toList();
        assertEquals(2, workers.stream().distinct().count(), "one busy and one idle worker: " + workers);
        assertTrue(workers.stream().allMatch(ParentDeathTest::alive));
      } finally {
        parent.destroyForcibly();
        parent.waitFor();
      }
      await("workers " + workers + " outliving their killed parent; its log:" + System.lineSeparator() + read(log))
          .atMost(Duration.ofSeconds(10))
          .until(() -> workers.stream().noneMatch(ParentDeathTest::alive));
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
