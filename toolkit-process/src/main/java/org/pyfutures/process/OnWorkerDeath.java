package org.pyfutures.process;

/**
 * What a {@link ProcessPoolExecutor} does when a worker process dies without being asked to (a crash,
 * {@code System.exit}, being killed by something other than the pool).
 */
public enum OnWorkerDeath {
  /**
   * Break the pool, as Python's {@code ProcessPoolExecutor} does: every pending future fails with a
   * {@link org.pyfutures.BrokenProcessPoolException} whose cause is the dead worker's
   * {@link WorkerExitedException}, and the pool accepts no more work. The default.
   */
  BREAK_POOL,
  /**
   * Fail only the futures of tasks the dead worker held (running, or sent and waiting in its pipe), each with a
   * {@link WorkerExitedException}, start a replacement, and run everything else, as loky and pebble do. Three
   * workers in a row that die before finishing any task still break the pool, with the last one's
   * {@link WorkerExitedException} as the cause.
   */
  REPLACE_WORKER
}
