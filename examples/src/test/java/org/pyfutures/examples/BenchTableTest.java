package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BenchTableTest {
  private static List<String> row(Table table, String workload) {
    return table.rows().stream().filter(r -> r.get(1).contains(workload)).findFirst().orElseThrow();
  }

  @Test
  void showsCPythonBesideOursWithTheRatioPointingTheRightWay() {
    Map<String, Object> ours = Map.of("W1", 0.5, "W7", Map.of("sequential_ms", 100.0, "threads_2", 1.9));
    Map<String, Object> peer = Map.of("W1", 10.0, "W7", Map.of("sequential_ms", 120.0, "threads_2", 0.95));
    Table table = BenchCommand.table(ours, Optional.of(peer));
    assertEquals(List.of("W1", "threads x2: submit N identity tasks, then collect", "µs/task", "0.500", "10.0",
        "20.00x"), row(table, "threads x2: submit"));
    List<String> speedup = row(table, "speedup, threads x2");
    assertEquals(List.of("1.90x", "0.95x", "2.00x"), speedup.subList(3, 6));
    assertEquals("-", row(table, "sequential").get(5), "job sizes differ, so no ratio");
  }

  @Test
  void w12StandsBesideThePeersMapOfEightEchoes() {
    Table table = BenchCommand.table(Map.of("W12", 25.0), Optional.of(Map.of("W12", 150.0)));
    List<String> w12 = row(table, "8 byte arrays of 4 MiB");
    assertEquals(List.of("W12", "processes x2: map echo over 8 byte arrays of 4 MiB", "ms"), w12.subList(0, 3));
    assertEquals("6.00x", w12.get(5));
  }

  @Test
  void withoutAPeerTheCPythonColumnsAreDashesAndMissingWorkloadsAreLeftOut() {
    Table table = BenchCommand.table(Map.of("W1", 0.5), Optional.empty());
    assertEquals(1, table.rows().size());
    assertEquals(List.of("-", "-"), table.rows().get(0).subList(4, 6));
    assertTrue(table.render().contains("W1"));
  }
}
