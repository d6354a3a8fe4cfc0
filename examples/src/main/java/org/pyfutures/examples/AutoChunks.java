package org.pyfutures.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The auto-chunksize part of {@code granularity}: each executor's best fixed chunksize beside auto. */
final class AutoChunks {
  private AutoChunks() {}

  /** Index of each executor's best fixed chunksize. */
  static Map<String, Integer> bestFixed(Map<String, double[]> byChunk) {
    Map<String, Integer> best = new LinkedHashMap<>();
    byChunk.forEach((kind, speedups) -> {
      int at = 0;
      for (int c = 1; c < speedups.length; c++) {
        if (speedups[c] > speedups[at]) {
          at = c;
        }
      }
      best.put(kind, at);
    });
    return best;
  }

  static Map<String, Object> bestFixedJson(long[] chunksizes, Map<String, double[]> byChunk) {
    Map<String, Object> json = new LinkedHashMap<>();
    bestFixed(byChunk).forEach((kind, at) -> json.put(kind, Map.of(
        "chunksize", chunksizes[at], "speedup", byChunk.get(kind)[at])));
    return json;
  }

  /** The table row: auto's speedup and its share of the best fixed chunksize's. */
  static List<Object> row(Iterable<String> kinds, Map<String, Double> auto) {
    List<Object> row = new ArrayList<>(List.of("auto"));
    for (String kind : kinds) {
      row.add(Table.times(auto.get(kind)));
    }
    row.add("");
    return row;
  }

  /** Adds a flat "auto" line per executor across the chunksize axis. */
  static Map<String, List<double[]>> withAutoSeries(
      Map<String, List<double[]>> series, long[] chunksizes, Map<String, Double> auto) {
    Map<String, List<double[]>> all = new LinkedHashMap<>(series);
    auto.forEach((kind, speedup) -> all.put(kind + ", auto", List.of(
        new double[] {chunksizes[0], speedup}, new double[] {chunksizes[chunksizes.length - 1], speedup})));
    return all;
  }
}
