package org.pyfutures.process.internal.host;

import java.util.ArrayList;
import java.util.List;

/**
 * The pool's handle on one worker JVM. Every field below is guarded by the pool's lock, except the ones set once
 * by {@link #attach} before the worker's threads start.
 *
 * <p>States and transitions (each made under the pool's lock by {@link #moveTo}):
 *
 * <pre>
 *   NEW ──────► STARTING ──► IDLE ⇄ BUSY      created, then launched by the manager; READY; a task; its reply
 *    │              │         │      │
 *    │              └─────────┴──────┴──► RETIRING   gets no more tasks; its stdin is closed once its last
 *    │              │         │      │       │       reply is in (maxTasksPerChild, memory limit, shutdown)
 *    │              └─────────┴──────┴───────┴──► STOPPING   killed or terminated on purpose: cancel(true), task
 *    │                                               │       timeout, terminateWorkers(), a broken pool
 *    └───────────────────► GONE ◄────────────────────┘       exited, and its exit accounted for (any state)
 * </pre>
 *
 * A worker holds at most {@link #PIPELINE} tasks ({@link #held}, in the order it runs them) from dispatch to reply;
 * everything else waits in the pool, cancellable, until a worker has room for it. {@link #replying} is the task
 * whose reply is being decoded.
 */
final class WorkerHandle {
  enum State {
    NEW,
    STARTING,
    IDLE,
    BUSY,
    RETIRING,
    STOPPING,
    GONE;

    boolean canMoveTo(State next) {
      return switch (this) {
        case NEW -> next == STARTING || next == GONE;
        case STARTING -> next == IDLE || next == RETIRING || next == STOPPING || next == GONE;
        case IDLE -> next == BUSY || next == RETIRING || next == STOPPING || next == GONE;
        case BUSY -> next == IDLE || next == RETIRING || next == STOPPING || next == GONE;
        case RETIRING -> next == STOPPING || next == GONE;
        case STOPPING -> next == GONE;
        case GONE -> false;
      };
    }
  }

  /** Why a worker in state {@code STOPPING} is being stopped: its exit then breaks nothing. */
  enum Stop {
    /** {@code cancel(true)} on the future of its task. */
    CANCELLED,
    /** Its task ran longer than the task timeout. */
    TIMED_OUT,
    /** {@code shutdownNow()}, {@code terminateWorkers()} or {@code killWorkers()}. */
    FORCED,
    /** The pool broke. */
    POOL_BROKEN
  }

  /**
   * Tasks a worker holds at most, while its tasks are tiny: the one it runs and the next ones, already in its pipe,
   * so that it starts the next as soon as it has written a reply rather than a round trip later, and the frames of
   * several leave in one write. How many it holds depends on how long its recent tasks ran (see {@link #hasRoom}):
   * up to {@value} below {@link #TINY_TASK_NANOS}, two below {@link #SHORT_TASK_NANOS}, else one. Longer tasks gain
   * nothing from it (the round trip it hides is ~20 µs), and a task waiting behind a long one would wait while
   * another worker may sit idle.
   *
   * <p>A task in a worker's pipe is RUNNING, as in CPython's call queue: {@code cancel(false)} no longer stops it;
   * {@code cancel(true)} stops it once it starts (see {@code ProcessPool}); and if its worker dies or is stopped
   * before it starts, it goes back to the front of the queue. Everything else waits in the pool, cancellable.
   */
  static final int PIPELINE = 8;

  /** Recent run time per task under which a worker holds up to {@link #PIPELINE} tasks. */
  static final long TINY_TASK_NANOS = 50_000;

  /** Recent run time per task under which a worker holds two tasks, and its cancelled tasks get a grace period. */
  static final long SHORT_TASK_NANOS = 500_000;

  /** Run time of this worker's recent tasks (a moving average), as its replies report it. Guarded by the lock. */
  private long recentRunNanos = Long.MAX_VALUE;

  /** Whether {@link #hasRoom} still lets tasks in: from half empty until full. Guarded by the lock. */
  private boolean refilling = true;

  final int number;
  State state = State.NEW;
  Stop stop;
  /** The task whose worker is being stopped on purpose ({@code CANCELLED}, {@code TIMED_OUT}), or null. */
  WorkItem stopTarget;
  final java.util.ArrayDeque<WorkItem> held = new java.util.ArrayDeque<>(PIPELINE);
  WorkItem replying;
  /** Frames were queued to its writer by the dispatch under way, which wakes the writer once at its end. */
  boolean framesQueued;
  int tasksAssigned;
  int tasksCompleted;
  boolean stdinClosed;
  Throwable initializerFailure;
  boolean goneReported;

  // Set once by attach(), before the threads that use them start.
  private Process process;
  private WorkerWriter writer;
  private StderrForwarder stderr;

  WorkerHandle(int number) {
    this.number = number;
  }

  void moveTo(State next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException(this + " cannot move to " + next);
    }
    state = next;
  }

  void attach(Process process, WorkerWriter writer, StderrForwarder stderr) {
    this.process = process;
    this.writer = writer;
    this.stderr = stderr;
  }

  Process process() {
    return process;
  }

  WorkerWriter writer() {
    return writer;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  String where() {
    return "worker pid " + pid();
  }

  String stderrTail() {
    return stderr == null ? "" : stderr.tail();
  }

  /** Takes every task this worker holds: the one whose reply is being decoded, then those dispatched to it. */
  List<WorkItem> takeHeld() {
    List<WorkItem> taken = new ArrayList<>(PIPELINE + 1);
    if (replying != null) {
      taken.add(replying);
      replying = null;
    }
    for (WorkItem item; (item = held.poll()) != null; ) {
      item.worker = null;
      taken.add(item);
    }
    return taken;
  }

  /** Counts a reply's run time into {@link #recentRunNanos}. */
  void ran(long runNanos) {
    long run = Math.max(0, runNanos);
    recentRunNanos = recentRunNanos == Long.MAX_VALUE ? run : recentRunNanos - (recentRunNanos >> 2) + (run >> 2);
  }

  /**
   * Whether the worker can take another task now: it holds fewer than its tasks' length allows and, once full, has
   * come down to half of that. A pipe refilled by half at a time takes one writer wake-up and one write per half,
   * not one per reply.
   */
  boolean hasRoom() {
    int depth = recentRunNanos < TINY_TASK_NANOS ? PIPELINE : recentRunNanos < SHORT_TASK_NANOS ? 2 : 1;
    if (held.size() >= depth) {
      refilling = false;
      return false;
    }
    if (held.size() <= depth / 2) {
      refilling = true;
    }
    return refilling;
  }

  /** Whether this worker's recent tasks ran shorter than {@link #SHORT_TASK_NANOS}. */
  boolean hasShortTasks() {
    return recentRunNanos < SHORT_TASK_NANOS;
  }

  /** The task the worker runs (or is about to read), or null. */
  WorkItem head() {
    return held.peekFirst();
  }

  /** Asks the worker to exit once it has read what was sent before: it exits when its stdin ends. */
  void closeStdin() {
    if (!stdinClosed && writer != null) {
      stdinClosed = true;
      writer.close();
    }
  }

  void destroy(boolean forcibly) {
    if (process != null) {
      if (forcibly) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
    }
  }

  @Override
  public String toString() {
    return "worker " + number + " (pid " + pid() + ", " + state + ")";
  }
}
