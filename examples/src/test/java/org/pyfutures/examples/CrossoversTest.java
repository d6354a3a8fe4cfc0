package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void lastAtOrAboveStopsAtTheFirstDip() {
    assertEquals(1, Crossovers.lastAtOrAbove(CUTS, new double[] {1.9, 1.5, 0.8, 1.2}, 1.0));
    assertEquals(3, Crossovers.lastAtOrAbove(CUTS, new double[] {1.9, 1.5, 1.1, 1.0}, 1.0));
    assertEquals(-1, Crossovers.lastAtOrAbove(CUTS, new double[] {0.9, 1.5, 1.1, 1.0}, 1.0));
    assertEquals(0, Crossovers.lastAtOrAbove(CUTS, new double[] {1.1, Double.NaN, 1.1, 1.0}, 1.0));
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
