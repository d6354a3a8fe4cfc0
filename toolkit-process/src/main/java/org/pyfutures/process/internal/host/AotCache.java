package org.pyfutures.process.internal.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An AOT cache for worker JVMs of JDK 25+ (JEP 483: classes loaded and linked ahead of time; JEP 515: method
 * profiles), one per {@link ClassDataSharing} key, in the same private directory: {@code worker-HASH.aot}.
 *
 * <p>Workers start with {@code -XX:AOTCache} once the file exists. Making it takes a training run and an assembly
 * step of a second or two, which no pool waits for: a separate, detached {@link AotTrainer} JVM makes it (at the
 * lowest priority where {@code nice} exists), launched when the first pool that misses the cache has a worker exit
 * (it closes, most often) or two seconds after its first worker started, whichever comes first, so that it does not
 * compete with that pool's start; workers start without a cache meanwhile. The trainer survives the pool's JVM exiting, writes under a name of its own and moves the
 * finished, checked cache into place atomically, so a worker never sees half a cache; a file lock keeps concurrent
 * pools, in this JVM or others, from training twice. If training fails it leaves {@code worker-HASH.aot.failed},
 * and pools use the dynamic archive instead.
 *
 * <p>{@code -XX:AOTCache} never stops a JVM from starting on a cache whose header it rejects (truncated, not a
 * cache, another JDK's or class path's): it ignores it, with a warning that {@code -Xlog:aot*=off} and
 * {@code -Xlog:cds*=off} silence, since a library must not write on its host's stderr. A cache damaged past its
 * header would crash the JVM, which is why pools check it against its {@link AotChecksum} first.
 */
final class AotCache {
  /**
   * The first JDK this is used with. JDK 24 has {@code -XX:AOTMode} and {@code -XX:AOTCache} too, but was not
   * tested here (nor are its log tags, which silence a rejected cache, known to be the same), and is out of support.
   */
  static final int MIN_FEATURE = 25;

  /** Caches being made by a trainer this JVM launched, so that its pools launch one each at most. */
  private static final Set<Path> TRAINING = ConcurrentHashMap.newKeySet();

  /** Caches whose delayed launch this JVM has scheduled. */
  private static final Set<Path> SCHEDULED = ConcurrentHashMap.newKeySet();

  /** How long after a pool's first worker start the trainer is launched if no worker has exited by then. */
  static final long TRAINING_DELAY_MILLIS = 2_000;

  private static final System.Logger LOG = System.getLogger("org.pyfutures.process");

  private final PoolConfig config;
  private final Path cache;
  private final Path failedMarker;
  private final Path log;

  private AotCache(PoolConfig config, Path cache) {
    this.config = config;
    this.cache = cache;
    this.failedMarker = cache.resolveSibling(cache.getFileName() + ".failed");
    this.log = cache.resolveSibling(cache.getFileName() + ".log");
  }

  /** The cache {@code dir/NAME.aot}, NAME being the {@link ClassDataSharing} key. */
  static AotCache of(PoolConfig config, Path dir, String name) {
    return new AotCache(config, dir.resolve(name + ".aot"));
  }

  Path file() {
    return cache;
  }

  /** Whether making the cache failed for good: pools then use a dynamic archive. */
  boolean failed() {
    return Files.exists(failedMarker);
  }

  /**
   * The options for a worker about to start: the cache once it exists and matches its checksum, else none. A
   * cache that does not match is deleted, so that the next pool has it made again.
   */
  List<String> options() {
    if (!Files.isRegularFile(cache)) {
      return List.of();
    }
    if (!AotChecksum.matches(cache)) {
      try {
        Files.deleteIfExists(cache);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "could not delete the damaged AOT cache " + cache, e);
      }
      return List.of();
    }
    return List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off:stderr", "-Xlog:cds*=off:stderr");
  }

  /**
   * Called once a worker has started: if the cache is missing, has it made {@link #TRAINING_DELAY_MILLIS} later,
   * should no worker exit before. A trainer started with the pool's first workers slowed the first result by 35–55 ms
   * at the median on two cores, even at the lowest priority.
   */
  void workerStarted() {
    if (missing() && SCHEDULED.add(cache)) {
      CompletableFuture.delayedExecutor(TRAINING_DELAY_MILLIS, TimeUnit.MILLISECONDS)
          .execute(
              () -> {
                SCHEDULED.remove(cache);
                makeIfMissing();
              });
    }
  }

  /**
   * Called once a worker has exited (its pool closing, most often): has the cache made now if it is missing. The
   * launch happens here rather than on a thread of its own so that a JVM exiting right after {@code close()} has
   * launched the trainer first; it costs that {@code close()} one process spawn, once.
   */
  void workerExited() {
    makeIfMissing();
  }

  private boolean missing() {
    return !Files.exists(cache) && !failed();
  }

  /** Launches a trainer unless the cache exists, failed, or is being made by a trainer this JVM launched. */
  private void makeIfMissing() {
    if (!missing() || !TRAINING.add(cache)) {
      return;
    }
    List<String> command = trainerCommand();
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(config.environment());
      builder.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
      Process trainer = builder.start();
      trainer.getOutputStream().close();
      trainer.onExit().thenRun(() -> TRAINING.remove(cache));
    } catch (IOException | RuntimeException e) {
      TRAINING.remove(cache);
      LOG.log(System.Logger.Level.DEBUG, "could not start making the AOT cache " + cache, e);
    }
  }

  private List<String> trainerCommand() {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
      command.addAll(List.of("/usr/bin/nice", "-n", "19"));
    }
    command.add(config.javaExecutable().toString());
    // The trainer's own JVM only runs a pool: quick to start, small, never writes an archive.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
        "-Dkryo.unsafe=false"));
    command.add("-cp");
    command.add(config.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(AotTrainer.class.getName());
    command.add(cache.toString());
    command.add(config.javaExecutable().toString());
    command.addAll(config.jvmOptions());
    return command;
  }
}
