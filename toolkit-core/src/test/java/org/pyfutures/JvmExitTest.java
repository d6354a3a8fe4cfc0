package org.pyfutures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.testing.ChildJvm;

/** A pool that is never closed does not keep the JVM alive, and the JVM finishes its submitted work first. */
@Timeout(120)
class JvmExitTest {
  @Test
  void aJvmWithAnUnclosedThreadPoolExitsAfterRunningEverySubmittedTask() throws Exception {
    ChildJvm.Result run = ChildJvm.run(UnclosedPoolMain.class, Duration.ofSeconds(60));
    assertEquals(0, run.exitCode(), run.stderr());
    List<String> lines = run.stdout().lines().toList();
    assertTrue(lines.contains("main returned"), run.stdout());
    for (int i = 0; i < 10; i++) {
      assertTrue(lines.contains("task " + i), "task " + i + " ran before exit:\n" + run.stdout());
    }
  }
}
