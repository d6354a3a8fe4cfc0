package org.pyfutures.process.internal.host;

/** Starts the pool's threads; tests replace it to make a thread fail to start. */
@FunctionalInterface
interface PoolThreads {
  PoolThreads PLATFORM =
      (name, daemon, body) -> Thread.ofPlatform().name(name).daemon(daemon).start(body);

  /**
   * Starts a platform thread.
   *
   * @throws RuntimeException or {@link OutOfMemoryError} if it cannot start
   */
  Thread start(String name, boolean daemon, Runnable body);
}
