package org.pyfutures.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a test class that leaves a member JVM running after it. */
final class NoLeftoverMembers implements AfterAllCallback {
  static List<ProcessHandle> members() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("org.pyfutures.cluster.internal.MemberMain"))
        .toList();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    await("member JVMs left behind by " + context.getDisplayName())
        .atMost(Duration.ofSeconds(20))
        .until(() -> members().isEmpty());
  }
}
