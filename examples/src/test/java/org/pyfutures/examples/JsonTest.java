package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class JsonTest {
  @Test
  void writesAndReadsBackNestedValuesInOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("sequential_ms", 12.5);
    inner.put("threads_2", 1.9);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("runtime", "Java \"21\"\n");
    doc.put("tasks", 20_000);
    doc.put("W7", inner);
    doc.put("list", List.of(1L, 2.5, true));
    doc.put("none", null);
    Object back = Json.read(Json.write(doc));
    assertEquals(Arrays.asList("runtime", "tasks", "W7", "list", "none"),
        List.copyOf(((Map<?, ?>) back).keySet()));
    assertEquals("Java \"21\"\n", ((Map<?, ?>) back).get("runtime"));
    assertEquals(20_000L, ((Map<?, ?>) back).get("tasks"));
    assertEquals(inner, ((Map<?, ?>) back).get("W7"));
    assertEquals(List.of(1L, 2.5, true), ((Map<?, ?>) back).get("list"));
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    assertTrue(Json.write(Map.of("x", Double.NaN)).contains("\"x\": null"));
  }

  @Test
  void readsPythonOutputIncludingNaNAndExponents() {
    String python = "{\n \"runtime\": \"CPython 3.11.7\",\n \"W1\": 1.5e-05,\n \"W2\": NaN,\n \"W3\": -Infinity,"
        + " \"s\": \"\\u00b5s\", \"e\": {}, \"a\": []\n}";
    Map<?, ?> doc = (Map<?, ?>) Json.read(python);
    assertEquals(1.5e-05, doc.get("W1"));
    assertTrue(Double.isNaN((Double) doc.get("W2")));
    assertEquals(Double.NEGATIVE_INFINITY, doc.get("W3"));
    assertEquals("µs", doc.get("s"));
    assertEquals(Map.of(), doc.get("e"));
    assertEquals(List.of(), doc.get("a"));
  }

  @Test
  void rejectsMalformedText() {
    assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": 1"));
    assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\" 1}"));
    assertThrows(IllegalArgumentException.class, () -> Json.read("[1, 2] x"));
    assertThrows(IllegalArgumentException.class, () -> Json.read("\"open"));
    assertThrows(IllegalArgumentException.class, () -> Json.read(""));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object())));
  }
}
