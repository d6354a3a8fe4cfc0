package org.pyfutures.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pyfutures.Future;

/**
 * Tests' way to make tasks queue up deterministically: a done-callback holds the executor's reply thread, so calls
 * sent meanwhile keep their window slots until {@link #close()}, and the tasks submitted after them stay queued.
 */
final class StalledReplies implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);

  /** Runs {@code rounds} rounds of {@code perRound} tiny tasks, so that every member's recent tasks are tiny. */
  static void warmUp(ClusterExecutor executor, int rounds, int perRound) {
    for (int r = 0; r < rounds; r++) {
      List<Future<Integer>> round = new ArrayList<>();
      for (int i = 0; i < perRound; i++) {
        round.add(executor.submit((Integer x) -> x, i));
      }
      round.forEach(f -> f.result(java.time.Duration.ofSeconds(30)));
    }
  }

  /** Stalls the reply thread of {@code executor}, whose window must be free; returns once it is held. */
  StalledReplies(ClusterExecutor executor) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      CountDownLatch held = new CountDownLatch(1);
      java.util.concurrent.atomic.AtomicBoolean ranHere = new java.util.concurrent.atomic.AtomicBoolean();
      Future<Integer> f = executor.submit((Integer x) -> x, 0);
      f.addDoneCallback(
          done -> {
            if (Thread.currentThread().getName().equals("pyfutures-cluster-replies")) {
              held.countDown();
              awaitRelease();
            } else {
              ranHere.set(true); // The future was already done: the callback ran in this thread.
            }
          });
      if (!ranHere.get() && held.await(30, TimeUnit.SECONDS)) {
        return;
      }
    }
    throw new IllegalStateException("could not stall the reply thread");
  }

  private void awaitRelease() {
    try {
      if (!release.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("reply thread stalled for 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets the reply thread go on. */
  @Override
  public void close() {
    release.countDown();
  }
}
