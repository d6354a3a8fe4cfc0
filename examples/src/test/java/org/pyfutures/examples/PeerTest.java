package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PeerTest {
  @Test
  void runsTheBundledScriptAndReadsItsJson() {
    Assumptions.assumeTrue(Peer.python().isPresent(), "python3 is not on the PATH");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Optional<Map<String, Object>> json =
        Peer.run(true, List.of("W1"), Duration.ofSeconds(50), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(json.isPresent(), log.toString(StandardCharsets.UTF_8));
    assertTrue(json.get().get("runtime").toString().startsWith("CPython "));
    assertEquals(2_000L, json.get().get("tasks"));
    assertTrue(Peer.number(json, "W1") > 0);
    assertTrue(Double.isNaN(Peer.number(json, "W2")), "--only=W1 runs W1 alone");
  }

  @Test
  void numberFollowsAPathAndGivesNaNWhenAbsent() {
    Optional<Map<String, Object>> json = Optional.of(Map.of("W7", Map.of("threads_2", 0.9), "W1", "text"));
    assertEquals(0.9, Peer.number(json, "W7", "threads_2"));
    assertTrue(Double.isNaN(Peer.number(json, "W7", "processes_2")));
    assertTrue(Double.isNaN(Peer.number(json, "W1")));
    assertTrue(Double.isNaN(Peer.number(json, "W1", "x")));
    assertTrue(Double.isNaN(Peer.number(Optional.empty(), "W1")));
  }
}
