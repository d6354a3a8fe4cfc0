package org.pyfutures.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    return Peer.run(
        SCRIPT,
        quick ? List.of("--quick") : List.of(),
        timeout,
        log,
        "Dask peer",
        "Dask not installed (no python3 on PATH); going on without it.",
        Map.of(NOT_INSTALLED, "Dask not installed (python3 has no 'distributed' package); going on without it."));
  }
}
