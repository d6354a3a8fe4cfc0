package org.pyfutures.examples;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Builds the examples' charts with XChart and writes them as PNG files, several panels side by side. */
public final class Charts {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * Creates a grouped bar chart; NaN values, and on a log axis values at or below zero, are left out.
   *
   * @param title the title
   * @param xTitle the category axis title
   * @param yTitle the value axis title
   * @param categories the groups along the x axis
   * @param series one list of values per series, aligned with {@code categories}
   * @param logY whether the value axis is logarithmic
   * @return the chart
   */
  public static CategoryChart bars(
      String title,
      String xTitle,
      String yTitle,
      List<String> categories,
      Map<String, List<Double>> series,
      boolean logY) {
    CategoryChart chart =
        new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLabelsVisible(false);
    chart.getStyler().setOverlapped(false);
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
      List<Double> clean = new ArrayList<>(entry.getValue().size());
      for (Double v : entry.getValue()) {
        boolean drop = v == null || Double.isNaN(v) || (logY && v <= 0);
        clean.add(drop ? null : v);
        if (!drop) {
          smallest = Math.min(smallest, v);
          largest = Math.max(largest, v);
        }
      }
      if (clean.stream().anyMatch(v -> v != null)) {
        var added = chart.addSeries(entry.getKey(), categories, clean);
        Color color = colorOf(entry.getKey());
        if (color != null) {
          added.setFillColor(color);
        }
      }
    }
    if (logY && smallest < Double.POSITIVE_INFINITY) {
      // Bars grow from the axis minimum, which XChart puts at zero unless told otherwise.
      decades(chart.getStyler(), smallest, largest);
    } else if (logY) {
      chart.getStyler().setYAxisLogarithmic(false); // nothing to draw; a log axis would reject the empty range
    }
    return chart;
  }

  /**
   * Creates a line chart with markers; points with NaN (or, on a log axis, non-positive) coordinates are dropped.
   *
   * @param title the title
   * @param xTitle the x axis title
   * @param yTitle the y axis title
   * @param series per series, its points as {@code {x, y}} pairs
   * @param logX whether the x axis is logarithmic
   * @param logY whether the y axis is logarithmic
   * @return the chart
   */
  public static XYChart lines(
      String title,
      String xTitle,
      String yTitle,
      Map<String, List<double[]>> series,
      boolean logX,
      boolean logY) {
    XYChart chart =
        new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    double[] range = {Double.POSITIVE_INFINITY, 0};
    series.forEach(
        (name, points) -> {
          List<Double> xs = new ArrayList<>();
          List<Double> ys = new ArrayList<>();
          for (double[] p : points) {
            boolean bad = Double.isNaN(p[0]) || Double.isNaN(p[1]) || (logX && p[0] <= 0) || (logY && p[1] <= 0);
            if (!bad) {
              xs.add(p[0]);
              ys.add(p[1]);
              range[0] = Math.min(range[0], p[1]);
              range[1] = Math.max(range[1], p[1]);
            }
          }
          if (!xs.isEmpty()) {
            var added = chart.addSeries(name, xs, ys);
            added.setMarker(SeriesMarkers.CIRCLE);
            Color color = colorOf(name);
            if (color != null) {
              added.setLineColor(color);
              added.setMarkerColor(color);
            }
          }
        });
    if (logY && range[1] > 0) {
      decades(chart.getStyler(), range[0], range[1]);
    }
    return chart;
  }

  /** Stretches a log value axis to whole decades, the only places XChart labels one. */
  private static void decades(org.knowm.xchart.style.AxesChartStyler styler, double min, double max) {
    styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    styler.setYAxisMax(Math.pow(10, Math.max(Math.ceil(Math.log10(max)), Math.floor(Math.log10(min)) + 1)));
  }

  /**
   * Gives several charts the same value axis, from zero to the largest value any of them shows, so that panels
   * side by side compare at a glance.
   *
   * @param charts the charts, with linear value axes
   */
  public static void sameYRange(List<CategoryChart> charts) {
    double max = 0;
    for (CategoryChart chart : charts) {
      for (var series : chart.getSeriesCollection()) {
        for (double y : series.getYData()) {
          if (Double.isFinite(y)) {
            max = Math.max(max, y);
          }
        }
      }
    }
    for (CategoryChart chart : charts) {
      chart.getStyler().setYAxisMin(0.0);
      chart.getStyler().setYAxisMax(max * 1.05);
    }
  }

  /**
   * Returns the colour of a series that appears in several charts, so each executor looks the same everywhere:
   * pyfutures' executors in cool colours, CPython's in warm ones.
   *
   * @param series the series name
   * @return its colour, or {@code null} to let XChart choose
   */
  static Color colorOf(String series) {
    return switch (series) {
      case "threads", "pyfutures" -> new Color(0x1f77b4);
      case "interpreters" -> new Color(0x17becf);
      case "processes" -> new Color(0x9467bd);
      case "threads, no lock" -> new Color(0x7f7f7f);
      case "CPython", "CPython threads" -> new Color(0xff7f0e);
      case "CPython interpreters" -> new Color(0xbcbd22);
      case "CPython processes" -> new Color(0xd62728);
      default -> null;
    };
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartTitleBoxVisible(false);
  }

  /** Draws chart panels as a PNG image; the seam that tests replace to simulate a JDK that cannot draw. */
  @FunctionalInterface
  interface Encoder {
    void encode(List<? extends IChart> panels, OutputStream out) throws IOException;
  }

  /**
   * Writes charts side by side into one PNG file, creating its directory if needed, when this JDK can draw them.
   * Charts are optional equipment: a JDK without fonts or AWT's native libraries (a headless server image) skips
   * them, and removes an earlier run's file.
   *
   * @param file the PNG file
   * @param panels the charts, left to right
   * @return empty once written, or why the chart was skipped, on one line
   * @throws IOException if the file cannot be written
   */
  public static Optional<String> save(Path file, List<? extends IChart> panels) throws IOException {
    return save(file, panels, (charts, out) ->
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG));
  }

  static Optional<String> save(Path file, List<? extends IChart> panels, Encoder encoder) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      encoder.encode(panels, png);
    } catch (RuntimeException | Error e) {
      if (!failedInsideJdkGraphics(e)) {
        throw e;
      }
      Files.deleteIfExists(file); // an earlier run's chart would pass for this one's
      return Optional.of("this JDK cannot draw (" + rootCause(e) + "); install fonts and a JDK with AWT's native"
          + " libraries for charts");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, png.toByteArray());
    return Optional.empty();
  }

  /**
   * Whether a failure came from the JDK's graphics (module {@code java.desktop}: fonts, native libraries) rather
   * than from XChart or this code, whose bugs must still fail loudly.
   */
  private static boolean failedInsideJdkGraphics(Throwable failure) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      String module = frame.getModuleName();
      if ("java.desktop".equals(module)) {
        return true;
      }
      if (module == null || !(module.startsWith("java.") || module.startsWith("jdk."))) {
        return false;
      }
    }
    return false;
  }

  private static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + message;
  }
}
