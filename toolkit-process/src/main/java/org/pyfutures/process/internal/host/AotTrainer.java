package org.pyfutures.process.internal.host;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.pyfutures.process.ProcessPoolExecutor;
import org.pyfutures.process.internal.wire.WorkerExit;

/**
 * The main class of the JVM that makes an {@link AotCache}, launched detached by the first pool that misses it, its
 * output going to {@code worker-HASH.aot.log}: records a worker running a task ({@code -XX:AOTMode=record}),
 * assembles the cache from the recording ({@code -XX:AOTMode=create}), checks that a JVM maps it
 * ({@code -XX:AOTMode=on}, which fails rather than ignores) and moves it into place atomically.
 *
 * <p>Arguments: the cache's path, the workers' launcher, the pool's JVM options. The class path is the workers'.
 */
public final class AotTrainer {
  /** The most the assembly or the check may take before the cache is given up. */
  private static final long STEP_TIMEOUT_SECONDS = 300;

  private AotTrainer() {}

  /**
   * Makes the cache, unless another JVM is making it or it exists.
   *
   * @param args cache path, launcher, JVM options
   * @throws IOException if the lock file cannot be opened
   */
  public static void main(String[] args) throws IOException {
    Path cache = Path.of(args[0]);
    Path java = Path.of(args[1]);
    List<String> options = List.copyOf(Arrays.asList(args).subList(2, args.length));
    String name = cache.getFileName().toString();
    Path lockFile = cache.resolveSibling(name + ".lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null || Files.exists(cache)) {
        return;
      }
      // Named like every recording in the directory, so that a pool sweeps them if this JVM dies.
      String id = ProcessHandle.current().pid() + "-1";
      Path recording = cache.resolveSibling(name + "conf." + id + ".tmp");
      Path assembled = cache.resolveSibling(name + "." + id + ".tmp");
      try {
        record(java, options, recording);
        run(java, options, List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + recording,
            "-XX:AOTCache=" + assembled), List.of());
        run(java, options, List.of("-XX:AOTMode=on", "-XX:AOTCache=" + assembled),
            List.of(WorkerExit.MAIN_CLASS, "0", Long.toString(ProcessHandle.current().pid())));
        AotChecksum.write(assembled, cache, id);
        Files.move(assembled, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.err.println("AOT cache ready: " + cache);
      } catch (IOException | RuntimeException | InterruptedException e) {
        e.printStackTrace();
        Files.writeString(cache.resolveSibling(name + ".failed"), e + System.lineSeparator());
      } finally {
        Files.deleteIfExists(recording);
        Files.deleteIfExists(assembled);
      }
    }
  }

  /**
   * Runs a pool of one recording worker through the path every pool takes: hello, one task, exit. Nothing more: a
   * JVM loads every class of its AOT cache as it starts, so classes only some pools need (a failure's, {@code
   * map}'s) would slow every worker start; trained on a failure and a {@code map} as well, W6 took 5–10 ms longer
   * (median; docs/benchmarks-process.md).
   */
  private static void record(Path java, List<String> options, Path recording) throws IOException {
    List<String> recordOptions = new ArrayList<>(options);
    recordOptions.add("-XX:AOTMode=record");
    recordOptions.add("-XX:AOTConfiguration=" + recording);
    try (ProcessPoolExecutor pool =
        ProcessPoolExecutor.builder()
            .maxWorkers(1)
            .classDataSharing(false)
            .javaExecutable(java)
            .jvmOptions(recordOptions)
            .build()) {
      pool.submit(AotTrainer::sample).result();
    }
    if (!Files.isRegularFile(recording)) {
      throw new IOException("the recording worker wrote no AOT configuration " + recording);
    }
  }

  /** Runs the workers' JVM with {@code mode} options and waits for it to succeed. */
  private static void run(Path java, List<String> options, List<String> mode, List<String> mainAndArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(WorkerCommand.defaultOptions(options));
    command.addAll(options);
    command.addAll(mode);
    command.add("-cp");
    command.add(PoolConfig.defaultClasspath().stream().map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator)));
    command.addAll(mainAndArgs);
    Process process = new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IOException("exit code " + process.exitValue() + ": " + command);
    }
  }

  static List<Integer> sample() {
    return List.of(6, 7);
  }
}
