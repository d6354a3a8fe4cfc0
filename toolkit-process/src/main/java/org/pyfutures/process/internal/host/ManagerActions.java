package org.pyfutures.process.internal.host;

import java.util.ArrayList;
import java.util.List;
import org.pyfutures.InvalidStateException;

/** What the manager decided under the pool's lock and does after releasing it, in this order. */
final class ManagerActions {
  final List<WorkerHandle> launch = new ArrayList<>();
  final List<WorkerHandle> kill = new ArrayList<>();
  private final List<Runnable> failures = new ArrayList<>();
  boolean terminates;

  /** Fails {@code item}'s future with {@code failure}, a {@link Throwable} or a {@link BrokenPool}. */
  void fail(WorkItem item, Object failure) {
    failures.add(
        () -> {
          Throwable t = failure instanceof BrokenPool b ? b.exception() : (Throwable) failure;
          try {
            item.future.setException(t);
          } catch (InvalidStateException cancelledOrCompleted) {
            // A cancelled future stays cancelled.
          }
        });
  }

  void run(ProcessPool pool) {
    launch.forEach(pool::launch);
    kill.forEach(w -> w.destroy(true));
    Completions.runAll(failures, pool.ownThreads());
  }
}
