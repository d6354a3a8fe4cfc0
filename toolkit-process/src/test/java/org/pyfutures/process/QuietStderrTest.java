package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.testing.ChildJvm;

/** A library must not write on its host's stderr: on JDK 24+ Kryo's Unsafe paths would. */
@Timeout(120)
class QuietStderrTest {
  @Test
  void aFreshJvmUsingAProcessPoolWritesNothingOnStderr() throws Exception {
    ChildJvm.Result run = ChildJvm.run(QuietProcessPoolMain.class, Duration.ofSeconds(90));
    assertEquals("", run.stderr());
    assertEquals("[6, 7] [1, 4, 9]" + System.lineSeparator(), run.stdout());
    assertEquals(0, run.exitCode());
  }
}
