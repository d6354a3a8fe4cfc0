package org.pyfutures.examples;

/** The closing advice of the {@code crash} subcommand: when to choose which policy. */
final class CrashAdvice {
  static final String TEXT = """
      When to choose which policy:
        BREAK_POOL (the default, and CPython's): a dead worker stops the whole batch. Choose it when a crash
          means the batch is wrong (all or nothing), when code ported from Python expects BrokenProcessPool,
          or when you would rather fail fast than run on. Every BrokenProcessPoolException carries the dead
          worker's WorkerExitedException (pid, exit code, signal) as its cause.
        REPLACE_WORKER (loky's and pebble's choice): only the tasks the dead worker held fail, with
          WorkerExitedException; a new worker starts and the rest run. Choose it for a long-running service,
          or a batch whose tasks are independent, where one bad input must not cost every other result.
          Three workers in a row that die before finishing a task still break the pool.
        taskTimeout and maxWorkerMemory never break the pool, under either policy: a task that runs too long
          fails alone with TaskTimeoutException, and a worker that grew past the limit is retired after its
          task, which still returns its result. Set a timeout when a task can hang, and a memory limit when
          tasks leak (caches, native code). CPython's pool offers neither.
      """;

  private CrashAdvice() {}
}
