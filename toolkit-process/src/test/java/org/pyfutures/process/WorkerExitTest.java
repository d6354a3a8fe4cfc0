package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker asked to exit (its stdin closed) runs its shutdown hooks, and exits promptly even when a task left a
 * non-daemon thread running: the quick exit that returns from {@code main} keeps both guarantees of
 * {@code System.exit}.
 */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class WorkerExitTest {
  /** Well under the worker's 10 s halt grace: an exit that waited for the thread would take that long. */
  private static final long PROMPT_MILLIS = 8_000;

  @Test
  void shutdownHooksRunWhenAWorkerIsAskedToExit(@TempDir Path dir) throws Exception {
    Path mark = dir.resolve("hook-ran");
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      String path = mark.toString();
      assertEquals(path, pool.submit(() -> addHookWriting(path)).result());
    }
    // close() returns once the worker has exited, hooks included.
    assertEquals("ran", Files.readString(mark));
  }

  @Test
  void aNonDaemonThreadLeftByATaskDoesNotDelayTheExit(@TempDir Path dir) throws Exception {
    Path mark = dir.resolve("hook-ran");
    long start = System.nanoTime();
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      String path = mark.toString();
      assertTrue(pool.submit(() -> startNonDaemonThread(path)).result());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < PROMPT_MILLIS, "close() took " + millis + " ms");
    assertEquals("ran", Files.readString(mark));
  }

  static String addHookWriting(String path) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> write(path)));
    return path;
  }

  static boolean startNonDaemonThread(String path) {
    addHookWriting(path);
    CountDownLatch never = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.setDaemon(false);
    t.start();
    return t.isAlive();
  }

  private static void write(String path) {
    try {
      Files.writeString(Path.of(path), "ran", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
