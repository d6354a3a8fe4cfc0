package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster --smoke}: local members start, every part runs, the files are written, no member is left. */
@Timeout(180)
class ClusterCommandTest {
  @TempDir Path dir;

  private static long members() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("org.pyfutures.cluster.internal.MemberMain"))
        .count();
  }

  @Test
  void smokeRunWritesW13AndW14InThePeerScriptsKeysAndLeavesNoMember() throws Exception {
    MainTest.Run run = MainTest.run("cluster", "--smoke", "--no-progress", "--no-peer", "--out", dir.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("W13") && run.out().contains("W14"), run.out());
    Map<?, ?> json = (Map<?, ?>) Json.read(Files.readString(dir.resolve("cluster.json")));
    assertInstanceOf(Double.class, json.get("W13"));
    assertInstanceOf(Double.class, json.get("W14"));
    Map<?, ?> w7 = (Map<?, ?>) json.get("W7");
    for (String key : new String[] {"sequential_ms", "threads_3", "processes_3", "cluster_3"}) {
      assertInstanceOf(Double.class, w7.get(key), key);
    }
    if (MainTest.CANNOT_DRAW.isPresent()) {
      assertTrue(run.out().contains("Skipped the chart cluster.png: this JDK cannot draw ("), run.out());
    } else {
      byte[] png = Files.readAllBytes(dir.resolve("cluster.png"));
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }
    assertEquals(0, members(), "closing a cluster executor waits for its members to exit");
  }
}
