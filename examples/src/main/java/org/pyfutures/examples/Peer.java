package org.pyfutures.examples;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CPython peer script (bundled in the jar as {@code peer/cpython_bench.py}) on the {@code python3}
 * found on the PATH, and returns its JSON: the same workloads on CPython's {@code concurrent.futures}.
 */
public final class Peer {
  private static final String SCRIPT = "/peer/cpython_bench.py";

  private Peer() {}

  /**
   * Finds {@code python3} on the PATH.
   *
   * @return its path, or empty if there is none
   */
  public static Optional<Path> python() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "python3");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the peer script and reads its JSON.
   *
   * @param quick whether to pass {@code --quick}
   * @param only the workloads to run (for example {@code W1}); empty for all
   * @param timeout how long to let it run before giving up and stopping it
   * @param log where to say why the peer did not run
   * @return the script's JSON object, or empty when {@code python3} is missing or the script failed
   */
  public static Optional<Map<String, Object>> run(
      boolean quick, List<String> only, Duration timeout, java.io.PrintStream log) {
    List<String> args = new ArrayList<>();
    if (quick) {
      args.add("--quick");
    }
    if (!only.isEmpty()) {
      args.add("--only=" + String.join(",", only));
    }
    return run(SCRIPT, args, timeout, log);
  }

  /**
   * Runs a peer script bundled in the jar and reads its JSON.
   *
   * @param resource the script's path in the jar, such as {@code /peer/cpython_crash.py}
   * @param args the script's arguments
   * @param timeout how long to let it run before giving up and stopping it
   * @param log where to say why the peer did not run
   * @return the script's JSON object, or empty when {@code python3} is missing or the script failed
   */
  public static Optional<Map<String, Object>> run(
      String resource, List<String> args, Duration timeout, java.io.PrintStream log) {
    return run(
        resource, args, timeout, log, "CPython peer", "(python3 not found on PATH: CPython columns left empty)",
        Map.of());
  }

  /**
   * Runs one of the project's peer scripts, bundled in the jar, on the {@code python3} found on the PATH, and reads
   * the JSON it prints. The script and every process it started are stopped when it takes too long.
   *
   * @param resource the script's path in the jar
   * @param args the script's arguments
   * @param timeout how long to let it run before giving up and stopping it
   * @param log where to say why the peer did not run
   * @param name the peer's name in those messages
   * @param noPython what to say when there is no {@code python3}
   * @param knownExits what to say for exit codes the script uses to mean something ("not installed", say)
   * @return the script's JSON object, or empty when it did not run or failed
   */
  static Optional<Map<String, Object>> run(
      String resource,
      List<String> args,
      Duration timeout,
      java.io.PrintStream log,
      String name,
      String noPython,
      Map<Integer, String> knownExits) {
    Optional<Path> python = python();
    if (python.isEmpty()) {
      log.println(noPython);
      return Optional.empty();
    }
    Path script = null;
    Process process = null;
    try {
      script = Files.createTempFile("pyfutures-peer", ".py");
      try (InputStream in = Peer.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException(resource + " is missing from the jar");
        }
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> command = new ArrayList<>(List.of(python.get().toString(), script.toString()));
      command.addAll(args);
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().close();
      Process p = process;
      CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.println("(" + name + " took longer than " + timeout.toSeconds() + " s; stopped it)");
        return Optional.empty();
      }
      String known = knownExits.get(process.exitValue());
      if (known != null) {
        log.println(known);
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        log.println("(" + name + " failed with exit code " + process.exitValue() + ": "
            + stderr.get(10, TimeUnit.SECONDS).strip() + ")");
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> json = (Map<String, Object>) Json.read(stdout.get(10, TimeUnit.SECONDS));
      return Optional.of(json);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      log.println("(" + name + " did not run: " + e + ")");
      return Optional.empty();
    } finally {
      if (process != null && process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // its worker processes
        process.destroyForcibly();
      }
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException ignored) {
          // A temp file left behind is harmless.
        }
      }
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Reads a number from the peer's JSON: {@code number(json, "W1")} or {@code number(json, "W7", "threads_2")}.
   *
   * @param json the peer's JSON, possibly empty
   * @param path the keys leading to the number
   * @return the number, or NaN if absent
   */
  public static double number(Optional<Map<String, Object>> json, String... path) {
    Object value = json.orElse(null);
    for (String key : path) {
      if (!(value instanceof Map<?, ?> map)) {
        return Double.NaN;
      }
      value = map.get(key);
    }
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
