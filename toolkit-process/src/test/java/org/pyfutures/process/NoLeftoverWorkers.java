package org.pyfutures.process;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a worker JVM running: after the class, every descendant of this JVM whose command
 * line names the worker main class must be gone (within a few seconds, for pools shut down without waiting).
 */
final class NoLeftoverWorkers implements AfterAllCallback {
  static List<ProcessHandle> workers() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("org.pyfutures.process.internal.worker.WorkerMain"))
        .toList();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    await("worker JVMs left behind by " + context.getDisplayName())
        .atMost(Duration.ofSeconds(15))
        .until(() -> workers().isEmpty());
  }
}
