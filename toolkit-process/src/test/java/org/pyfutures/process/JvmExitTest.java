package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.testing.ChildJvm;

/** A process pool that is never closed does not keep its JVM alive; its submitted work finishes before exit. */
@Timeout(120)
@ExtendWith(NoLeftoverWorkers.class)
class JvmExitTest {
  @Test
  void aJvmWithAnUnclosedProcessPoolExitsAfterEveryResultArrived() throws Exception {
    ChildJvm.Result run = ChildJvm.run(UnclosedProcessPoolMain.class, Duration.ofSeconds(90));
    assertEquals(0, run.exitCode(), run.stderr());
    List<String> lines = run.stdout().lines().toList();
    assertTrue(lines.contains("main returned"), run.stdout());
    for (int i = 0; i < 10; i++) {
      assertTrue(lines.contains("result " + i), "result " + i + " arrived before exit:\n" + run.stdout());
    }
  }
}
