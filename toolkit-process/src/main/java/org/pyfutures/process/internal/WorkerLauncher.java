package org.pyfutures.process.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts worker JVMs for one pool and wires each to its threads: a {@link StderrForwarder} and a
 * {@link WorkerReader}. Called by the pool's manager thread only.
 */
final class WorkerLauncher {
  /** How often, once a worker has exited, its reader is checked for being stuck on a stream nobody closes. */
  private static final long EXIT_REPORT_GRACE_MILLIS = 2_000;

  private final PoolConfig config;
  private final String poolName;
  private final ClassDataSharing sharing;
  private final EncodedFrame hello;
  private final KryoFactory kryos;

  WorkerLauncher(PoolConfig config, String poolName, EncodedFrame hello, KryoFactory kryos) {
    this.config = config;
    this.poolName = poolName;
    this.hello = hello;
    this.kryos = kryos;
    this.sharing = config.classDataSharing() ? ClassDataSharing.of(config) : null;
  }

  /** Starts the process of worker {@code w}; nothing reads or writes it yet. */
  Process start(WorkerProcess w) throws IOException {
    List<String> sharingOptions = sharing == null ? List.of() : sharing.optionsFor(w.number);
    ProcessBuilder builder = new ProcessBuilder(WorkerCommand.build(config, sharingOptions, w.number));
    builder.environment().putAll(config.environment());
    return builder.start();
  }

  StderrForwarder stderrOf(WorkerProcess w, Process process) {
    return new StderrForwarder(
        process.getErrorStream(), "[" + poolName + " worker " + w.number + " pid " + process.pid() + "] ");
  }

  /**
   * Starts the threads of an attached worker. Its reader is added to {@code ownThreads} while it runs, since it
   * completes futures and so runs callbacks.
   */
  void startThreads(ProcessPool pool, WorkerProcess w, StderrForwarder stderr, Set<Thread> ownThreads) {
    Thread stderrThread = Thread.ofPlatform().daemon().name(poolName + "-stderr-" + w.number).start(stderr);
    WorkerReader workerReader = new WorkerReader(pool, w, hello, kryos, stderrThread);
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name(poolName + "-reader-" + w.number)
            .unstarted(
                () -> {
                  try {
                    workerReader.run();
                  } finally {
                    ownThreads.remove(Thread.currentThread());
                  }
                });
    ownThreads.add(reader);
    reader.start();
    Process process = w.process();
    process.onExit().thenRun(() -> reportIfReaderStalls(pool, w, workerReader, process));
  }

  /**
   * If something else (a process the task started) holds the worker's stdout open after the worker exits, its
   * reader never sees the end. Once the worker has exited, this looks at the reader every grace period and reports
   * the worker gone for it if the reader sits in a read with nothing coming. A reader that is busy decoding a large
   * reply or running a slow callback is left alone: reporting then would end the pool before that future completes.
   */
  private static void reportIfReaderStalls(
      ProcessPool pool, WorkerProcess w, WorkerReader reader, Process process) {
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
  void exited(WorkerProcess w, int status) {
    if (sharing != null) {
      sharing.exited(w.number, status);
    }
  }
}
