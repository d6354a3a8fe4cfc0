package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code crash --quick} in-process and reads back what it wrote. */
@Timeout(120)
class CrashCommandTest {
  private static final List<String> POLICIES = List.of("BREAK_POOL", "REPLACE_WORKER");

  @TempDir Path dir;

  @Test
  void quickRunWritesEveryScenarioAndReplacingFinishesMoreThanBreaking() throws IOException {
    MainTest.Run run = MainTest.run("crash", "--quick", "--no-progress", "--out", dir.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("When to choose which policy"), run.out());
    if (MainTest.CANNOT_DRAW.isPresent()) {
      assertTrue(run.out().contains("Skipped the chart crash.png: this JDK cannot draw ("), run.out());
    } else {
      byte[] png = Files.readAllBytes(dir.resolve("crash.png"));
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }
    Map<?, ?> json = (Map<?, ?>) Json.read(Files.readString(dir.resolve("crash.json")));
    for (String key : List.of("machine", "workers", "tasks", "work_ms", "exit", "timeout", "leak")) {
      assertTrue(json.containsKey(key), key + " missing from " + json.keySet());
    }
    long tasks = (Long) json.get("tasks");
    for (String scenario : List.of("exit", "timeout", "leak")) {
      Map<?, ?> byPolicy = (Map<?, ?>) json.get(scenario);
      assertTrue(byPolicy.containsKey("CPython"), scenario);
      for (String policy : POLICIES) {
        Map<?, ?> outcome = (Map<?, ?>) byPolicy.get(policy);
        assertEquals(Set.of("tasks", "finished", "outcomes", "worker_pids", "ms"), outcome.keySet(), scenario);
        assertEquals(tasks, outcome.get("tasks"));
        long counted = ((Map<?, ?>) outcome.get("outcomes")).values().stream().mapToLong(v -> (Long) v).sum();
        assertEquals(tasks, counted, "every future counted once: " + scenario + ", " + policy);
      }
    }
    assertEquals("n/a", ((Map<?, ?>) json.get("timeout")).get("CPython"));
    assertEquals("n/a", ((Map<?, ?>) json.get("leak")).get("CPython"));
    eachPolicyGotWhatItShould(json, tasks);
  }

  private static void eachPolicyGotWhatItShould(Map<?, ?> json, long tasks) {
    Map<?, ?> exit = (Map<?, ?>) json.get("exit");
    Map<?, ?> broke = (Map<?, ?>) exit.get("BREAK_POOL");
    Map<?, ?> replaced = (Map<?, ?>) exit.get("REPLACE_WORKER");
    assertTrue((Long) replaced.get("finished") > (Long) broke.get("finished"), exit.toString());
    assertTrue(((Map<?, ?>) broke.get("outcomes")).containsKey("BrokenProcessPoolException (cause: exit 3)"),
        broke.toString());
    assertEquals(Set.of("result", "WorkerExitedException (exit 3)"),
        ((Map<?, ?>) replaced.get("outcomes")).keySet(), replaced.toString());
    for (String policy : POLICIES) {
      Map<?, ?> timeout = (Map<?, ?>) ((Map<?, ?>) json.get("timeout")).get(policy);
      assertEquals(Map.of("result", tasks - 1, "TaskTimeoutException (1000 ms)", 1L), timeout.get("outcomes"));
      Map<?, ?> leak = (Map<?, ?>) ((Map<?, ?>) json.get("leak")).get(policy);
      assertEquals(Map.of("result", tasks), leak.get("outcomes"), "a retired worker is no failure");
    }
    assertInstanceOf(Map.class, json.get("machine"));
    if (json.get("peer") != null) {
      Map<?, ?> cpython = (Map<?, ?>) exit.get("CPython");
      assertTrue((Long) cpython.get("finished") < tasks, "CPython breaks the pool: " + cpython);
      assertTrue(((Map<?, ?>) cpython.get("outcomes")).containsKey("BrokenProcessPool"), cpython.toString());
    }
  }
}
