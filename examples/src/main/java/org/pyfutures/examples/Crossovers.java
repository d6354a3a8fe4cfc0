package org.pyfutures.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds where curves cross in a sweep: the break-even point of one curve, and where the leader changes. */
public final class Crossovers {
  private Crossovers() {}

  /**
   * Returns where a curve is at or above {@code threshold}: the first and the last such index. A speedup curve over
   * task counts starts below 1x (one task cannot run in parallel), rises, and falls again as overhead takes over,
   * so the span, not a prefix, is what beats sequential.
   *
   * @param ys the curve; NaN counts as below
   * @param threshold the level to reach
   * @return {@code {first, last}}, or {@code null} if the curve never reaches the threshold
   */
  public static int[] spanAtOrAbove(double[] ys, double threshold) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < ys.length; i++) {
      if (ys[i] >= threshold) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    return first < 0 ? null : new int[] {first, last};
  }

  /**
   * Returns, for each x, the curve with the highest value.
   *
   * @param xs the sweep's x values
   * @param curves the curves by name, each aligned with {@code xs}
   * @return the leader's name at each x ({@code null} where every curve is NaN)
   */
  public static List<String> leaders(long[] xs, Map<String, double[]> curves) {
    List<String> leaders = new ArrayList<>(xs.length);
    for (int i = 0; i < xs.length; i++) {
      String best = null;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (Map.Entry<String, double[]> curve : curves.entrySet()) {
        double y = curve.getValue()[i];
        if (y > bestValue) {
          best = curve.getKey();
          bestValue = y;
        }
      }
      leaders.add(best);
    }
    return leaders;
  }

  /**
   * Describes the leader's changes along a sweep: {@code "interpreters up to 1,000; threads from 10,000"}.
   *
   * @param xs the sweep's x values
   * @param leaders the leader at each x, from {@link #leaders}
   * @return the description
   */
  public static String describeLeaders(long[] xs, List<String> leaders) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= xs.length; i++) {
      if (i == xs.length || !java.util.Objects.equals(leaders.get(i), leaders.get(start))) {
        String who = leaders.get(start) == null ? "nobody" : leaders.get(start);
        if (start == 0 && i == xs.length) {
          parts.add(who + " at every point");
        } else if (start == 0) {
          parts.add(who + " up to " + String.format("%,d", xs[i - 1]));
        } else if (i == xs.length) {
          parts.add(who + " from " + String.format("%,d", xs[start]));
        } else {
          parts.add(who + " from " + String.format("%,d", xs[start]) + " to " + String.format("%,d", xs[i - 1]));
        }
        start = i;
      }
    }
    return String.join("; ", parts);
  }
}
