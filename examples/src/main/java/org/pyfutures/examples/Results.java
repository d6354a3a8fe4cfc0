package org.pyfutures.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.IChart;

/** Writes a subcommand's result files, JSON and PNG, into the output directory and says where they went. */
public final class Results {
  private Results() {}

  /**
   * Writes {@code name.json} and {@code name.png} into {@code options.out()}; the PNG only when this JDK can draw
   * charts, saying in one line why not otherwise.
   *
   * @param options the command line, for the output directory
   * @param name the file name without extension
   * @param json the results
   * @param charts the chart panels, left to right; none for no PNG
   * @param out where to report the file names
   * @throws IOException if a file cannot be written
   */
  public static void write(
      Options options, String name, Map<String, Object> json, List<? extends IChart> charts, PrintStream out)
      throws IOException {
    Files.createDirectories(options.out().toAbsolutePath());
    Path jsonFile = options.outFile(name + ".json");
    Files.writeString(jsonFile, Json.write(json), StandardCharsets.UTF_8);
    String written = jsonFile.toString();
    Optional<String> skipped = Optional.empty();
    if (!charts.isEmpty()) {
      Path png = options.outFile(name + ".png");
      skipped = Charts.save(png, charts);
      written += skipped.isPresent() ? "" : " and " + png;
    }
    out.println();
    out.println("Wrote " + written);
    skipped.ifPresent(why -> out.println("Skipped the chart " + name + ".png: " + why));
  }
}
