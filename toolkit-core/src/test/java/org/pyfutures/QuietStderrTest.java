package org.pyfutures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.testing.ChildJvm;

/** A library must not write on its host's stderr: on JDK 24+ Kryo's Unsafe paths would. */
@Timeout(120)
class QuietStderrTest {
  @Test
  void aFreshJvmUsingTheThreadPoolAndTheKryoConfigurationWritesNothingOnStderr() throws Exception {
    ChildJvm.Result run = ChildJvm.run(QuietThreadPoolMain.class, Duration.ofSeconds(90));
    assertEquals("", run.stderr());
    String nl = System.lineSeparator();
    assertEquals("[6, 7] [1, 4, 9]" + nl + "kryo.unsafe=null" + nl, run.stdout(), "ran, and left no property behind");
    assertEquals(0, run.exitCode());
  }
}
