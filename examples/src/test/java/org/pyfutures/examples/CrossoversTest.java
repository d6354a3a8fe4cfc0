package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CrossoversTest {
  private static final long[] CUTS = {1, 10, 100, 1_000};

  @Test
  void spanAtOrAboveCoversASpeedupCurveThatRisesThenFalls() {
    // The real shape over task counts: one task cannot beat sequential, a few can, very many cannot.
    assertArrayEquals(new int[] {1, 2}, Crossovers.spanAtOrAbove(new double[] {0.9, 1.9, 1.4, 0.6}, 1.0));
    assertArrayEquals(new int[] {0, 3}, Crossovers.spanAtOrAbove(new double[] {1.9, 1.5, 1.1, 1.0}, 1.0));
    assertArrayEquals(new int[] {2, 2}, Crossovers.spanAtOrAbove(new double[] {0.5, Double.NaN, 1.1, 0.9}, 1.0));
    assertNull(Crossovers.spanAtOrAbove(new double[] {0.99, 0.98, Double.NaN, 0.5}, 1.0));
  }

  @Test
  void leadersAndTheirChanges() {
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put("threads", new double[] {1.0, 1.0, 1.0, 0.9});
    curves.put("processes", new double[] {1.9, 1.8, 0.6, 0.1});
    curves.put("interpreters", new double[] {1.8, 1.9, 1.2, 0.3});
    List<String> leaders = Crossovers.leaders(CUTS, curves);
    assertEquals(Arrays.asList("processes", "interpreters", "interpreters", "threads"), leaders);
    assertEquals("processes up to 1; interpreters from 10 to 100; threads from 1,000",
        Crossovers.describeLeaders(CUTS, leaders));
    assertEquals("threads at every point",
        Crossovers.describeLeaders(CUTS, List.of("threads", "threads", "threads", "threads")));
  }
}
