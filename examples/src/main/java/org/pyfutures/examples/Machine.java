package org.pyfutures.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A description of the machine and JVM a measurement ran on, for tables and result files. */
public final class Machine {
  private Machine() {}

  /**
   * Returns the runtime as the peer script names its own ({@code "Java 21.0.5 (Temurin)"}).
   *
   * @return the runtime name
   */
  public static String runtime() {
    String vendor = System.getProperty("java.vm.vendor", "");
    return "Java " + Runtime.version() + (vendor.isEmpty() ? "" : " (" + vendor + ")");
  }

  /**
   * Returns the machine's vital statistics.
   *
   * @return os, arch, cpus, cpu model (Linux only), memory and the JVM's maximum heap
   */
  public static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("arch", System.getProperty("os.arch"));
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    cpuModel().ifPresent(model -> machine.put("cpu", model));
    machine.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    machine.put("runtime", runtime());
    return machine;
  }

  /**
   * Returns a one-line summary of {@link #describe()}.
   *
   * @return the summary
   */
  public static String summary() {
    Map<String, Object> m = describe();
    return m.get("runtime") + " on " + m.get("os") + " " + m.get("arch") + ", " + m.get("cpus") + " CPUs"
        + (m.containsKey("cpu") ? " (" + m.get("cpu") + ")" : "");
  }

  private static Optional<String> cpuModel() {
    try {
      Path cpuinfo = Path.of("/proc/cpuinfo");
      if (!Files.isReadable(cpuinfo)) {
        return Optional.empty();
      }
      return Files.readAllLines(cpuinfo).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
