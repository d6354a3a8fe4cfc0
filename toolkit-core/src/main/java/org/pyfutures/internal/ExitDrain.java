package org.pyfutures.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets the JVM exit while pools are still open, and finishes their work first, as CPython does at interpreter
 * exit. Pool threads are daemons, so they never keep the JVM alive; a pool that has threads registers here, and a
 * shutdown hook shuts every registered pool down (queued work still runs) and waits until each has terminated.
 *
 * <p>One exception: when a thread of a pool called {@code System.exit} itself, that pool cannot terminate (its
 * thread waits for this hook), so the hook stops waiting for it.
 */
public final class ExitDrain {
  /** A pool that can be drained at exit. */
  public interface Drainable {
    /** Shuts the pool down without waiting; queued work still runs. */
    void shutdownAtExit();

    /** Waits at most {@code nanos} for the pool to terminate. */
    boolean awaitTermination(long nanos) throws InterruptedException;

    /** Whether {@code thread} is one of the pool's own. */
    boolean owns(Thread thread);
  }

  /** Waits for a pool to terminate. */
  @FunctionalInterface
  public interface Termination {
    /** Waits at most {@code nanos}; returns whether the pool terminated. */
    boolean await(long nanos) throws InterruptedException;
  }

  /**
   * Describes a pool by its operations.
   *
   * @param shutdownAtExit shuts it down without waiting
   * @param termination waits for it to terminate
   * @param owns whether a thread is one of its own
   * @return the pool, for {@link #register}
   */
  public static Drainable of(
      Runnable shutdownAtExit, Termination termination, java.util.function.Predicate<Thread> owns) {
    return new Drainable() {
      @Override
      public void shutdownAtExit() {
        shutdownAtExit.run();
      }

      @Override
      public boolean awaitTermination(long nanos) throws InterruptedException {
        return termination.await(nanos);
      }

      @Override
      public boolean owns(Thread thread) {
        return owns.test(thread);
      }
    };
  }

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Set<Drainable> LIVE = ConcurrentHashMap.newKeySet();
  private static boolean hookInstalled;

  private ExitDrain() {}

  /**
   * Registers a pool that has started threads; it is drained at exit until it {@linkplain #unregister
   * unregisters}.
   *
   * @param pool the pool
   */
  public static void register(Drainable pool) {
    installHookOnce();
    LIVE.add(pool);
  }

  /**
   * Unregisters a pool that has terminated.
   *
   * @param pool the pool
   */
  public static void unregister(Drainable pool) {
    LIVE.remove(pool);
  }

  private static synchronized void installHookOnce() {
    if (!hookInstalled) {
      hookInstalled = true;
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitDrain::drain, "pyfutures-exit"));
      } catch (IllegalStateException alreadyExiting) {
        // Too late to wait for anything.
      }
    }
  }

  private static void drain() {
    List<Drainable> pools = List.copyOf(LIVE);
    pools.forEach(ExitDrain::shutdownQuietly);
    for (Drainable pool : pools) {
      try {
        while (!pool.awaitTermination(POLL_NANOS)) {
          Thread exiting = threadInSystemExit();
          if (exiting != null && pool.owns(exiting)) {
            break;
          }
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void shutdownQuietly(Drainable pool) {
    try {
      pool.shutdownAtExit();
    } catch (RuntimeException e) {
      // Nothing to report to at exit.
    }
  }

  /** The thread that called {@code System.exit} (or {@code Runtime.exit}), or null if the JVM exits on its own. */
  private static Thread threadInSystemExit() {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : e.getValue()) {
        if (frame.getClassName().equals("java.lang.Shutdown") && frame.getMethodName().equals("exit")) {
          return e.getKey();
        }
      }
    }
    return null;
  }
}
