package org.pyfutures.internal;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.pyfutures.ExecutorStats;
import org.pyfutures.Task;

/**
 * The always-on counters behind {@link org.pyfutures.Executor#stats()}: striped, so that workers recording
 * concurrently neither contend nor allocate per task.
 */
public final class StatsCounters {
  private final LongAdder submitted = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder copyNanos = new LongAdder();
  private final LongAdder runNanos = new LongAdder();

  /** Creates counters at zero. */
  public StatsCounters() {}

  /**
   * Returns how many tasks {@code task} counts as: the elements of a {@code map} chunk, else 1.
   *
   * @param task a task as submitted
   * @return its weight, at least 1 for any task but an empty chunk
   */
  public static int weight(Task<?> task) {
    return task instanceof Tasks.Chunk<?, ?> chunk ? chunk.args().size() : 1;
  }

  /** Counts submitted tasks. */
  public void submitted(int tasks) {
    submitted.add(tasks);
  }

  /** Counts tasks that ended with a result or an exception. */
  public void completed(int tasks) {
    completed.add(tasks);
  }

  /** Counts serialized bytes sent to a worker. */
  public void sent(long bytes) {
    sent.add(bytes);
  }

  /** Counts serialized bytes received from a worker. */
  public void received(long bytes) {
    received.add(bytes);
  }

  /** Adds encoding or decoding time. */
  public void copied(long nanos) {
    copyNanos.add(nanos);
  }

  /** Adds time spent inside a task body. */
  public void ran(long nanos) {
    runNanos.add(nanos);
  }

  /**
   * Returns a snapshot.
   *
   * @return the counters now
   */
  public ExecutorStats snapshot() {
    return new ExecutorStats(
        submitted.sum(),
        completed.sum(),
        sent.sum(),
        received.sum(),
        Duration.ofNanos(copyNanos.sum()),
        Duration.ofNanos(runNanos.sum()));
  }
}
