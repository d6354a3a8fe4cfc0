package org.pyfutures.process.internal.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Completes many futures at once, each in a virtual thread of its own, and waits for all of them: a callback of
 * one that waits for another (completed later in a loop) cannot hold up the rest, nor the pool's termination. The
 * threads count as the pool's own while they run, so a callback that shuts the pool down does not wait for it.
 */
final class Completions {
  private Completions() {}

  /** Runs every completion; returns once all have returned. Never throws for what a completion throws. */
  static void runAll(List<Runnable> completions, Set<Thread> ownThreads) {
    if (completions.isEmpty()) {
      return;
    }
    if (completions.size() == 1) {
      Thread self = Thread.currentThread();
      boolean added = ownThreads.add(self);
      try {
        runQuietly(completions.get(0));
      } finally {
        if (added) {
          ownThreads.remove(self);
        }
      }
      return;
    }
    List<Thread> started = new ArrayList<>(completions.size());
    for (Runnable completion : completions) {
      Thread t =
          Thread.ofVirtual()
              .name("pyfutures-completion")
              .unstarted(
                  () -> {
                    try {
                      runQuietly(completion);
                    } finally {
                      ownThreads.remove(Thread.currentThread());
                    }
                  });
      ownThreads.add(t);
      t.start();
      started.add(t);
    }
    boolean interrupted = false;
    for (Thread t : started) {
      for (; ; ) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runQuietly(Runnable completion) {
    try {
      completion.run();
    } catch (Throwable t) {
      System.getLogger("org.pyfutures.process")
          .log(System.Logger.Level.ERROR, "exception completing a future", t);
    }
  }
}
