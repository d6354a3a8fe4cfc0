package org.pyfutures;

import java.time.Duration;
import java.util.Objects;

/**
 * What crossing an executor's boundary has cost so far: a snapshot returned by {@link Executor#stats()}.
 *
 * <p>A {@code map} element counts as one task whatever the chunksize, from when it is taken from its input.
 * Counters only grow; a snapshot taken while tasks run may be a little behind in any of them, and is exact once
 * the pool is closed. Worker start-up (the initializer, a worker's handshake) is not counted.
 *
 * @param tasksSubmitted tasks accepted by {@code submit} or {@code map}
 * @param tasksCompleted tasks that ended with a result or an exception; cancelled tasks, and tasks whose worker
 *     died before it replied, are not counted
 * @param bytesSent serialized bytes of tasks and their arguments sent to workers; 0 on the thread pool
 * @param bytesReceived serialized bytes of results and failures sent back; 0 on the thread pool
 * @param copyTime time spent encoding and decoding tasks, results and failures, on both sides, summed over all
 *     threads; zero on the thread pool
 * @param runTime time spent inside task bodies, summed over all workers; on the thread pool, the time its workers
 *     were busy with tasks, which a snapshot counts up to the last 64 tasks of each worker until the pool is closed
 */
public record ExecutorStats(
    long tasksSubmitted,
    long tasksCompleted,
    long bytesSent,
    long bytesReceived,
    Duration copyTime,
    Duration runTime) {
  /**
   * Validates the snapshot.
   *
   * @throws NullPointerException if a duration is null
   */
  public ExecutorStats {
    Objects.requireNonNull(copyTime, "copyTime");
    Objects.requireNonNull(runTime, "runTime");
  }

  /**
   * Returns the share of copying in the time the pool spent on tasks: {@code copyTime / (copyTime + runTime)}, 0
   * when both are zero. Near 0, copying is cheap next to the work; near 1, the tasks are too fine-grained for a
   * copying executor (raise the chunksize, or use threads).
   *
   * @return a value from 0 to 1
   */
  public double copyShare() {
    long copy = copyTime.toNanos();
    long total = copy + runTime.toNanos();
    return total == 0 ? 0 : (double) copy / total;
  }
}
