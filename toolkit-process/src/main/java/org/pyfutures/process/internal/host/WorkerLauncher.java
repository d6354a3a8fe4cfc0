package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pyfutures.process.internal.shm.SharedMemory;
import org.pyfutures.process.internal.wire.EncodedFrame;
import org.pyfutures.process.internal.wire.Frame;
import org.pyfutures.process.internal.wire.Hello;
import org.pyfutures.process.internal.wire.KryoFactory;

/**
 * Starts worker JVMs for one pool and wires each to its threads: a {@link StderrForwarder}, a
 * {@link WorkerWriter} (which sends the HELLO first) and a {@link WorkerReader}. Called by the pool's manager
 * thread only.
 */
final class WorkerLauncher {
  /** How often, once a worker has exited, its reader is checked for being stuck on a stream nobody closes. */
  private static final long EXIT_REPORT_GRACE_MILLIS = 2_000;

  /** Starts processes; tests replace it with one that starts fakes. */
  @FunctionalInterface
  interface Processes {
    Process start(List<String> command, Map<String, String> environment) throws IOException;
  }

  static final Processes PROCESS_BUILDER =
      (command, environment) -> {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder.start();
      };

  private final PoolConfig config;
  private final String poolName;
  private final Processes processes;
  private final PoolThreads threads;
  private final ClassDataSharing sharing;
  private final EncodedFrame hello;
  private final KryoFactory kryos;
  private final SharedMemory sharedMemory;

  /**
   * @throws RuntimeException from Kryo if the initializer or customizer cannot be serialized
   */
  WorkerLauncher(PoolConfig config, String poolName, Processes processes, PoolThreads threads) {
    this.config = config;
    this.poolName = poolName;
    this.processes = processes;
    this.threads = threads;
    this.kryos = new KryoFactory(config.loader(), config.kryoCustomizer());
    this.sharedMemory = SharedMemory.forPool();
    byte[] payload =
        Hello.encode(config.loader(), config.kryoCustomizer(), config.initializer(), config.maxWorkerMemory(),
            sharedMemory.workerConfig());
    this.hello = EncodedFrame.ofPayload(Frame.HELLO, 0, payload);
    this.sharing = config.classDataSharing() ? ClassDataSharing.of(config) : null;
  }

  KryoFactory kryos() {
    return kryos;
  }

  /**
   * Starts the process of worker {@code w} and its threads, and attaches them to it.
   *
   * @throws IOException if the process cannot start
   * @throws RuntimeException or {@link Error} if a thread cannot start; the process is then destroyed
   */
  void start(ProcessPool pool, WorkerHandle w) throws IOException {
    List<String> sharingOptions = sharing == null ? List.of() : sharing.optionsFor(w.number);
    Process process = processes.start(WorkerCommand.build(config, sharingOptions, w.number), config.environment());
    if (sharing != null) {
      sharing.started();
    }
    try {
      String prefix = "[" + poolName + " worker " + w.number + " pid " + process.pid() + "] ";
      StderrForwarder stderr = new StderrForwarder(process.getErrorStream(), prefix);
      SharedMemory.Link shared = sharedMemory.link(process.pid());
      WorkerWriter writer = new WorkerWriter(process, pool::taskStarted, shared.sender());
      w.attach(process, writer, stderr);
      writer.send(hello);
      Thread stderrThread = threads.start(poolName + "-stderr-" + w.number, true, stderr);
      threads.start(poolName + "-writer-" + w.number, true, writer);
      WorkerReader reader = new WorkerReader(pool, w, kryos, stderrThread, shared);
      Thread readerThread =
          threads.start(
              poolName + "-reader-" + w.number,
              true,
              () -> {
                pool.ownThreads().add(Thread.currentThread());
                try {
                  reader.run();
                } finally {
                  pool.ownThreads().remove(Thread.currentThread());
                }
              });
      process.onExit().thenRun(() -> reportIfReaderStalls(pool, w, reader, process));
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * If something else (a process the task started) holds the worker's stdout open after the worker exits, its
   * reader never sees the end. Once the worker has exited, this looks at the reader every grace period and reports
   * the worker gone for it if the reader sits in a read with nothing coming. A reader that is busy decoding a large
   * reply or running a slow callback is left alone: reporting then would end the pool before that future completes.
   */
  private static void reportIfReaderStalls(
      ProcessPool pool, WorkerHandle w, WorkerReader reader, Process process) {
    if (reader.finished()) {
      return;
    }
    if (reader.stalledSinceLastCheck()) {
      pool.workerGone(w, process.exitValue(), null);
      return;
    }
    CompletableFuture.delayedExecutor(EXIT_REPORT_GRACE_MILLIS, TimeUnit.MILLISECONDS)
        .execute(() -> reportIfReaderStalls(pool, w, reader, process));
  }

  /** Called once a worker has exited, before the pool hears of it. */
  void exited(WorkerHandle w, int status) {
    if (sharing != null) {
      sharing.exited(w.number, status);
    }
  }
}
