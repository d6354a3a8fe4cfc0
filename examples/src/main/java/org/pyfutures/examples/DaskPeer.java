package org.pyfutures.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
 * Runs the Dask peer script (bundled in the jar as {@code peer/dask_bench.py}) on the {@code python3} found on the
 * PATH, and returns its JSON: W13 and W14 on Dask's {@code client.get_executor()} over 2 local workers.
 */
public final class DaskPeer {
  private static final String SCRIPT = "/peer/dask_bench.py";
  /** The script's exit status when Dask's {@code distributed} package is missing. */
  private static final int NOT_INSTALLED = 3;

  private DaskPeer() {}

  /**
   * Runs the script and reads its JSON.
   *
   * @param quick whether to pass {@code --quick}
   * @param timeout how long to let it run before stopping it
   * @param log where to say why Dask did not run ("Dask not installed", for one)
   * @return the script's JSON object, or empty
   */
  public static Optional<Map<String, Object>> run(boolean quick, Duration timeout, PrintStream log) {
    Optional<Path> python = Peer.python();
    if (python.isEmpty()) {
      log.println("Dask not installed (no python3 on PATH); going on without it.");
      return Optional.empty();
    }
    Path script = null;
    Process process = null;
    try {
      script = Files.createTempFile("pyfutures-dask", ".py");
      try (InputStream in = DaskPeer.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          throw new IOException(SCRIPT + " is missing from the jar");
        }
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> command = new ArrayList<>(List.of(python.get().toString(), script.toString()));
      if (quick) {
        command.add("--quick");
      }
      process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      Process p = process;
      CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.println("(Dask took longer than " + timeout.toSeconds() + " s; stopped it)");
        return Optional.empty();
      }
      if (process.exitValue() == NOT_INSTALLED) {
        log.println("Dask not installed (python3 has no 'distributed' package); going on without it.");
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        log.println("(Dask peer failed with exit code " + process.exitValue() + ": "
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
      log.println("(Dask peer did not run: " + e + ")");
      return Optional.empty();
    } finally {
      if (process != null && process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // Dask's scheduler and workers
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
}
