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
  /** How long after a worker's exit its reader may take to report it before the exit is reported without it. */
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
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name(poolName + "-reader-" + w.number)
            .unstarted(
                () -> {
                  try {
                    new WorkerReader(pool, w, hello, kryos, stderrThread).run();
                  } finally {
                    ownThreads.remove(Thread.currentThread());
                  }
                });
    ownThreads.add(reader);
    reader.start();
    Process process = w.process();
    // If something else holds the worker's stdout open after it exits, its reader would never see the end.
    process
        .onExit()
        .thenRunAsync(
            () -> pool.workerGone(w, process.exitValue(), null),
            CompletableFuture.delayedExecutor(EXIT_REPORT_GRACE_MILLIS, TimeUnit.MILLISECONDS));
  }

  /** Called once a worker has exited, before the pool hears of it. */
  void exited(WorkerProcess w, int status) {
    if (sharing != null) {
      sharing.exited(w.number, status);
    }
  }
}
