package org.pyfutures.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.pyfutures.ExecutorStats;
import org.pyfutures.Task;

/**
 * The always-on counters behind {@link org.pyfutures.Executor#stats()}: striped, so that threads recording
 * concurrently neither contend nor allocate per task. A worker thread records into its own {@link Local}, with
 * plain stores; other threads record into shared {@link LongAdder}s. A snapshot sums both.
 */
public final class StatsCounters {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
  // A Local's counters sit in the middle of its array, a cache line or more from anything another thread writes.
  private static final int PAD = 16;
  private static final int COMPLETED = PAD;
  private static final int SENT = PAD + 1;
  private static final int RECEIVED = PAD + 2;
  private static final int COPY = PAD + 3;
  private static final int RUN = PAD + 4;
  private static final int SLOT_COUNT = RUN + 1 + PAD;

  /** The counters of one worker thread: written only by that thread, read by snapshots. */
  public static final class Local {
    private final long[] slots = new long[SLOT_COUNT];

    private Local() {}

    private void add(int slot, long n) {
      SLOTS.setOpaque(slots, slot, (long) SLOTS.getOpaque(slots, slot) + n);
    }

    private long get(int slot) {
      return (long) SLOTS.getOpaque(slots, slot);
    }

    /** Counts tasks that ended with a result or an exception. */
    public void completed(int tasks) {
      add(COMPLETED, tasks);
    }

    /** Counts serialized bytes sent to a worker. */
    public void sent(long bytes) {
      add(SENT, bytes);
    }

    /** Counts serialized bytes received from a worker. */
    public void received(long bytes) {
      add(RECEIVED, bytes);
    }

    /** Adds encoding or decoding time. */
    public void copied(long nanos) {
      add(COPY, nanos);
    }

    /** Adds time spent inside a task body. */
    public void ran(long nanos) {
      add(RUN, nanos);
    }
  }

  private final Queue<Local> locals = new ConcurrentLinkedQueue<>();
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

  /**
   * Returns new counters for one worker thread, counted in every snapshot from now on.
   *
   * @return counters the calling thread alone must write
   */
  public Local local() {
    Local local = new Local();
    locals.add(local);
    return local;
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
    long[] sums = new long[SLOT_COUNT];
    for (Local local : locals) {
      for (int slot = COMPLETED; slot <= RUN; slot++) {
        sums[slot] += local.get(slot);
      }
    }
    return new ExecutorStats(
        submitted.sum(),
        completed.sum() + sums[COMPLETED],
        sent.sum() + sums[SENT],
        received.sum() + sums[RECEIVED],
        Duration.ofNanos(copyNanos.sum() + sums[COPY]),
        Duration.ofNanos(runNanos.sum() + sums[RUN]));
  }
}
