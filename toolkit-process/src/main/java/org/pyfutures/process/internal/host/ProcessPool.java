package org.pyfutures.process.internal.host;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.util.Pool;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.pyfutures.BrokenProcessPoolException;
import org.pyfutures.Future;
import org.pyfutures.Task;
import org.pyfutures.internal.ExitDrain;
import org.pyfutures.internal.FutureControl;
import org.pyfutures.internal.Serialization;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.internal.Tasks;
import org.pyfutures.internal.Termination;
import org.pyfutures.process.OnWorkerDeath;
import org.pyfutures.process.TaskTimeoutException;
import org.pyfutures.process.internal.host.WorkerHandle.State;
import org.pyfutures.process.internal.host.WorkerHandle.Stop;
import org.pyfutures.process.internal.wire.EncodedFrame;
import org.pyfutures.process.internal.wire.Frame;

/**
 * The machinery of a {@code ProcessPoolExecutor}, kept apart from it so that nothing here references the executor:
 * an executor that becomes unreachable can be shut down by a cleaner. The data flow is drawn in this package's
 * {@code package-info.java}.
 *
 * <p>The pool's run state, with its transitions, all under {@link #lock}:
 *
 * <pre>
 *   RUNNING ──► SHUTDOWN ──► TERMINATED     shutdown(): no new work; queued work still runs
 *      │           │  ▲
 *      ├───────────┼──┼──► STOP ──► TERMINATED     shutdownNow(), terminateWorkers(), killWorkers(): queued
 *      │           │  │                            work cancelled, every worker stopped
 *      └───────────┴──┴──► BROKEN ──► TERMINATED   a worker died (BREAK_POOL), a crash loop, an initializer
 *                                                  failed, a worker could not start: pending work fails
 * </pre>
 *
 * TERMINATED is reached from any other state but RUNNING once no worker is left, the queue is empty and every
 * future this pool completes in bulk is complete. Each worker's own states are documented on
 * {@link WorkerHandle}.
 *
 * <p>Threads: submitters queue and dispatch; one writer per worker writes its stdin ({@link WorkerWriter}); one
 * reader per worker reads its replies, decodes them and completes their futures ({@link WorkerReader}); one
 * manager per pool launches workers, accounts for their exits, enforces the task timeout, fails futures in bulk
 * and marks the pool terminated. No I/O and no future completion happens while {@link #lock} is held.
 */
public final class ProcessPool {
  private static final System.Logger LOG = System.getLogger("org.pyfutures.process");
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
  /** How long a cancelled task of a worker whose tasks are short may run on before the worker is killed. */
  static final long CANCEL_GRACE_NANOS = 200_000_000;
  /** Workers in a row that die before finishing a task, after which REPLACE_WORKER gives up. */
  static final int CRASH_LOOP_DEATHS = 3;

  enum RunState {
    RUNNING,
    SHUTDOWN,
    STOP,
    BROKEN,
    TERMINATED
  }

  private final PoolConfig config;
  private final String name;
  private final Pool<Kryo> submitKryos;
  private final WorkerLauncher launcher;
  private final PoolThreads threads;
  private final long timeoutNanos;
  private final AtomicLong ids = new AtomicLong();
  /** Threads that run this pool's callbacks: a shutdown called from one of them must not wait for the pool. */
  private final Set<Thread> ownThreads = ConcurrentHashMap.newKeySet();

  private final ExitDrain.Drainable drainable =
      ExitDrain.of(() -> shutdown(false, false), this::awaitTermination, ownThreads::contains);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition managerWakeup = lock.newCondition();
  private final Condition terminatedCondition = lock.newCondition();
  // Guarded by lock.
  private final ArrayDeque<WorkItem> queue = new ArrayDeque<>();
  private final List<WorkerHandle> workers = new ArrayList<>();
  private final ArrayDeque<Gone> gone = new ArrayDeque<>();
  private RunState runState = RunState.RUNNING;
  private BrokenPool broken;
  private String forcedBy;
  private int workersCreated;
  private int deathsBeforeFirstTask;
  private Thread manager;
  private boolean managerWanted;
  /** Threads completing futures they took from the pool; it terminates only after them. */
  private int completing;

  // Lock-free views for the fast rejection path and the ExecutorService queries.
  private volatile RunState runStateView = RunState.RUNNING;
  private volatile BrokenPool brokenView;

  private final StatsCounters stats;

  /** A worker's exit as its reader saw it. */
  private record Gone(WorkerHandle worker, int status, Throwable problem, boolean readAll) {}

  /**
   * Creates a pool; no process starts until the first submission.
   *
   * @param config the configuration
   * @throws RuntimeException from Kryo if the initializer or customizer cannot be serialized
   */
  public ProcessPool(PoolConfig config) {
    this(config, new StatsCounters());
  }

  /**
   * Creates a pool that records what its tasks cost in {@code stats}; no process starts until the first
   * submission.
   *
   * @param config the configuration
   * @param stats the executor's counters
   * @throws RuntimeException from Kryo if the initializer or customizer cannot be serialized
   */
  public ProcessPool(PoolConfig config, StatsCounters stats) {
    this(config, PoolThreads.PLATFORM, WorkerLauncher.PROCESS_BUILDER, stats);
  }

  ProcessPool(PoolConfig config, PoolThreads threads, WorkerLauncher.Processes processes) {
    this(config, threads, processes, new StatsCounters());
  }

  private ProcessPool(
      PoolConfig config, PoolThreads threads, WorkerLauncher.Processes processes, StatsCounters stats) {
    this.stats = stats;
    this.config = config;
    this.name = "ProcessPoolExecutor-" + POOL_NUMBER.getAndIncrement();
    this.threads = threads;
    this.timeoutNanos = config.taskTimeout() == null ? 0 : config.taskTimeout().toNanos();
    this.launcher = new WorkerLauncher(config, name, processes, threads);
    this.submitKryos =
        new Pool<>(true, false, 64) {
          @Override
          protected Kryo create() {
            return launcher.kryos().newKryo();
          }
        };
  }

  /**
   * Returns the most workers this pool starts.
   *
   * @return {@code maxWorkers}
   */
  public int maxWorkers() {
    return config.maxWorkers();
  }

  /** The executor's counters, where readers record each reply. */
  StatsCounters stats() {
    return stats;
  }

  // --- submission and dispatch ------------------------------------------------------------------

  /**
   * Queues a task. Its serialization happens here, in the caller's thread; if it fails, the returned future holds
   * the failure and the pool is unaffected.
   *
   * @param task the task
   * @param <R> the result type
   * @return its future
   * @throws BrokenProcessPoolException if the pool is broken
   * @throws RejectedExecutionException if the pool is shut down, or cannot start its manager thread
   */
  public <R> Future<R> submit(Task<R> task) {
    throwIfNotAccepting(runStateView, brokenView);
    long id = ids.incrementAndGet();
    Future<R> future = new Future<>();
    int weight = StatsCounters.weight(task);
    EncodedFrame frame;
    long start = System.nanoTime();
    try {
      frame = encode(id, Tasks.toSend(task));
    } catch (Throwable t) {
      stats.copied(System.nanoTime() - start);
      future.setException(t);
      stats.completed(weight);
      return future;
    }
    stats.copied(System.nanoTime() - start);
    stats.sent(frame.payloadLength());
    WorkItem item = new WorkItem(this, id, future, frame, weight);
    if (Tasks.keepsResult(task)) {
      item.keepResult(((Tasks.OfRunnable<R>) task).result());
    }
    Inline inline = ownThreads.contains(Thread.currentThread()) ? null : new Inline();
    lock.lock();
    try {
      throwIfNotAccepting(runState, broken);
      queue.add(item);
      dispatchLocked(inline);
      try {
        adjustWorkersLocked();
      } catch (RuntimeException | Error cannotStart) {
        if (queue.removeLastOccurrence(item)) {
          throw new RejectedExecutionException("cannot start the pool's manager thread", cannotStart);
        }
        // The task went to an idle worker; the manager is tried again on the next event.
        LOG.log(System.Logger.Level.WARNING, name + ": cannot start the manager thread", cannotStart);
      }
    } finally {
      lock.unlock();
    }
    if (inline != null && inline.worker != null) {
      inline.worker.writer().writeInline(inline.item, inline.frame);
    }
    return future;
  }

  /** A frame the submitting thread writes itself, after releasing the lock (see {@link WorkerWriter}). */
  private static final class Inline {
    WorkerHandle worker;
    WorkItem item;
    EncodedFrame frame;
  }

  private static void throwIfNotAccepting(RunState state, BrokenPool broken) {
    if (broken != null) {
      throw broken.exception();
    }
    if (state != RunState.RUNNING) {
      throw new RejectedExecutionException("cannot schedule new futures after shutdown");
    }
  }

  private EncodedFrame encode(long id, Task<?> task) {
    Kryo kryo = submitKryos.obtain();
    EncodedFrame frame = EncodedFrame.of(kryo, Frame.TASK, id, task);
    // Only reached on success: a Kryo that threw may keep state from the failed call, so it is dropped.
    submitKryos.free(kryo);
    return frame;
  }

  /**
   * Hands queued items to workers with room for them, idle ones first; skips (and notifies) cancelled ones. With
   * {@code inline}, the first frame that goes to an idle worker may be left for the caller to write.
   */
  private void dispatchLocked(Inline inline) {
    try {
      queueFramesLocked(inline);
    } finally {
      for (WorkerHandle w : workers) {
        if (w.framesQueued) {
          w.framesQueued = false;
          w.writer().wake();
        }
      }
    }
  }

  private void queueFramesLocked(Inline inline) {
    while (!queue.isEmpty()) {
      WorkerHandle w = roomiestWorkerLocked();
      if (w == null) {
        return;
      }
      WorkItem item = queue.poll();
      if (item.requeued ? item.future.isCancelled() : !start(item)) {
        continue;
      }
      boolean idle = w.held.isEmpty();
      EncodedFrame frame = item.frame();
      w.held.add(item);
      item.worker = w;
      item.requeued = false;
      if (idle) {
        item.started(System.nanoTime());
      }
      if (w.state == State.IDLE) {
        w.moveTo(State.BUSY);
      }
      w.tasksAssigned++;
      if (config.maxTasksPerChild() > 0 && w.tasksAssigned >= config.maxTasksPerChild()) {
        w.moveTo(State.RETIRING);
      }
      if (!idle || inline == null || inline.worker != null) {
        w.writer().queue(item, frame);
        w.framesQueued = true;
      } else if (w.writer().claimInline(item, frame)) {
        inline.worker = w;
        inline.item = item;
        inline.frame = frame;
      }
    }
  }

  /** An idle worker, else a busy one with room in its pipe, else null. */
  private WorkerHandle roomiestWorkerLocked() {
    WorkerHandle roomy = null;
    for (WorkerHandle w : workers) {
      if (w.state == State.IDLE) {
        return w;
      }
      if (roomy == null && w.state == State.BUSY && w.hasRoom()) {
        roomy = w;
      }
    }
    return roomy;
  }

  /** Moves a queued future to RUNNING, stoppable; false if it was cancelled (now notified) or completed. */
  private static boolean start(WorkItem item) {
    try {
      return FutureControl.setRunningOrNotifyCancel(item.future, item);
    } catch (IllegalStateException completedElsewhere) {
      return false;
    }
  }

  /** Creates workers (launched by the manager) while queued work exceeds the workers that will be free for it. */
  private void adjustWorkersLocked() {
    if ((runState != RunState.RUNNING && runState != RunState.SHUTDOWN) || queue.isEmpty()) {
      return;
    }
    int available = 0;
    for (WorkerHandle w : workers) {
      if (w.state == State.NEW || w.state == State.STARTING || w.state == State.IDLE) {
        available++;
      }
    }
    if (queue.size() > available && workers.size() < config.maxWorkers()) {
      wakeManagerLocked();
      while (queue.size() > available && workers.size() < config.maxWorkers()) {
        workers.add(new WorkerHandle(workersCreated++));
        available++;
      }
    }
  }

  /** Closes the stdin of a retiring worker once it holds no task: it exits when it reads the end. */
  private void closeIfRetiredLocked(WorkerHandle w) {
    if (w.state == State.RETIRING && w.held.isEmpty()) {
      w.closeStdin();
    }
  }

  /** When shut down with nothing left to run, retires every worker that holds no task. */
  private void retireIfDrainedLocked() {
    if (runState != RunState.SHUTDOWN || !queue.isEmpty()) {
      return;
    }
    for (WorkerHandle w : workers) {
      if (w.state == State.STARTING || w.state == State.IDLE) {
        w.moveTo(State.RETIRING);
      }
      closeIfRetiredLocked(w);
    }
  }

  // --- events from a worker's threads -----------------------------------------------------------

  void workerReady(WorkerHandle w) {
    lock.lock();
    try {
      if (w.state == State.STARTING) {
        w.moveTo(State.IDLE);
      }
      dispatchLocked(null);
      retireIfDrainedLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the item a reply is for and frees its place in the worker for the next task, before the reply is
   * decoded. The next task in the worker's pipe starts now; if its future was cancelled meanwhile, the worker is
   * stopped as for {@code cancel(true)}.
   *
   * @param runNanos how long the task ran in the worker, as its reply says
   * @return the item, or null if the worker was not running task {@code id}
   */
  WorkItem taskReplied(WorkerHandle w, long id, long runNanos) {
    WorkerHandle toKill = null;
    WorkItem item;
    lock.lock();
    try {
      item = w.head();
      if (item == null || item.id != id) {
        return null;
      }
      w.held.poll();
      w.ran(runNanos);
      item.worker = null;
      w.replying = item;
      w.tasksCompleted++;
      deathsBeforeFirstTask = 0;
      WorkItem next = w.head();
      if (next != null) {
        next.started(System.nanoTime());
        if (next.future.isCancelled()) {
          toKill = stopCancelledHeadLocked(w, next, true);
        } else if (timeoutNanos > 0) {
          wakeManagerLocked();
        }
      } else if (w.state == State.BUSY) {
        w.moveTo(State.IDLE);
      }
      if (w.state == State.IDLE || w.state == State.BUSY) {
        dispatchLocked(null);
      }
      closeIfRetiredLocked(w);
      retireIfDrainedLocked();
    } finally {
      lock.unlock();
    }
    if (toKill != null) {
      toKill.destroy(true);
    }
    return item;
  }

  /** Called once the reply to {@code item} has completed its future, or failed to. */
  void replyCompleted(WorkerHandle w, WorkItem item) {
    lock.lock();
    try {
      if (w.replying == item) {
        w.replying = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The worker outgrew its memory limit: it gets no more tasks, and exits once its stdin is closed. */
  void workerRetiring(WorkerHandle w) {
    lock.lock();
    try {
      if (w.state == State.IDLE || w.state == State.BUSY || w.state == State.STARTING) {
        w.moveTo(State.RETIRING);
      }
      closeIfRetiredLocked(w);
    } finally {
      lock.unlock();
    }
  }

  void initializerFailed(WorkerHandle w, Throwable failure) {
    lock.lock();
    try {
      w.initializerFailure = failure;
    } finally {
      lock.unlock();
    }
  }

  /** A task's frame is written: its timeout counts from now. */
  void taskStarted(WorkItem item) {
    if (timeoutNanos > 0) {
      lock.lock();
      try {
        wakeManagerLocked();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Reports a worker gone whose every reply was read (see below). */
  void workerGone(WorkerHandle w, int status, Throwable problem) {
    workerGone(w, status, problem, true);
  }

  /**
   * Reports a worker gone; only the first report counts.
   *
   * @param readAll whether every reply the worker wrote was read: false when its reader failed while the worker
   *     still ran, so that a task after the one it ran may have run too, its reply unread
   */
  void workerGone(WorkerHandle w, int status, Throwable problem, boolean readAll) {
    launcher.exited(w, status);
    lock.lock();
    try {
      if (w.goneReported) {
        return;
      }
      w.goneReported = true;
      gone.add(new Gone(w, status, problem, readAll));
      wakeManagerLocked();
    } finally {
      lock.unlock();
    }
  }

  /** {@code cancel(true)} of a running task: its worker is killed, which breaks nothing, and replaced. */
  void stopCancelled(WorkItem item) {
    WorkerHandle toKill = null;
    lock.lock();
    try {
      WorkerHandle w = item.worker;
      // A task still waiting in the pipe is stopped when it starts (taskReplied).
      if (w != null && w.head() == item) {
        toKill = stopCancelledHeadLocked(w, item, false);
      }
    } finally {
      lock.unlock();
    }
    if (toKill != null) {
      toKill.destroy(true);
    }
  }

  /**
   * Stops the cancelled task its worker runs: its worker is to be killed now or, for a task that was sent ahead
   * (which happens only while tasks are short) or one of a worker whose tasks are short, once the task has run
   * {@link #CANCEL_GRACE_NANOS} without finishing: killing and replacing a worker costs far more than letting a short
   * task end. Its result is discarded either way.
   *
   * @return the worker to kill now, or null
   */
  private WorkerHandle stopCancelledHeadLocked(WorkerHandle w, WorkItem head, boolean sentAhead) {
    if (sentAhead || w.hasShortTasks()) {
      head.cancelGraceEndNanos = System.nanoTime() + CANCEL_GRACE_NANOS;
      wakeManagerLocked();
      return null;
    }
    return stopLocked(w, Stop.CANCELLED, head) ? w : null;
  }

  /** Marks a worker as stopped on purpose, for {@code target}'s sake if not null; false if it already is. */
  private static boolean stopLocked(WorkerHandle w, Stop why, WorkItem target) {
    if (w.state == State.STOPPING || w.state == State.GONE) {
      return false;
    }
    w.moveTo(State.STOPPING);
    w.stop = why;
    w.stopTarget = target;
    return true;
  }

  // --- the manager --------------------------------------------------------------------------------

  /** Starts the manager if needed and wakes it. Throws if its thread cannot start; nothing is changed then. */
  private void wakeManagerLocked() {
    if (manager == null) {
      // A daemon: the pool never keeps the JVM alive; at exit, ExitDrain finishes the work already submitted.
      Thread started = threads.start(name + "-manager", true, this::manage);
      ownThreads.add(started);
      manager = started;
      ExitDrain.register(drainable);
    }
    managerWanted = true;
    managerWakeup.signal();
  }

  private void manage() {
    try {
      for (; ; ) {
        ManagerActions actions = new ManagerActions();
        lock.lock();
        try {
          awaitWorkLocked();
          manageLocked(actions);
        } finally {
          lock.unlock();
        }
        actions.run(this);
        // Termination happens-after every future is complete, so it is marked only once the actions that complete
        // futures have run; it cannot be undone once true, as nothing can be queued after shutdown.
        if (actions.terminates) {
          lock.lock();
          try {
            if (terminatesLocked()) {
              markTerminatedLocked();
              return;
            }
          } finally {
            lock.unlock();
          }
        }
      }
    } finally {
      ownThreads.remove(Thread.currentThread());
    }
  }

  /** Waits until woken, or until the earliest running task's timeout is due. */
  private void awaitWorkLocked() {
    while (!managerWanted) {
      long wait = nanosToNextTimeoutLocked();
      if (wait == Long.MAX_VALUE) {
        managerWakeup.awaitUninterruptibly();
      } else if (wait <= 0) {
        break;
      } else {
        try {
          managerWakeup.awaitNanos(wait);
        } catch (InterruptedException e) {
          // Nobody interrupts the manager on purpose; keep managing.
        }
      }
    }
    managerWanted = false;
  }

  private long nanosToNextTimeoutLocked() {
    long next = Long.MAX_VALUE;
    long now = System.nanoTime();
    for (WorkerHandle w : workers) {
      WorkItem item = w.head();
      if (item == null || (w.state != State.BUSY && w.state != State.RETIRING)) {
        continue;
      }
      if (timeoutNanos > 0 && item.startNanos() != 0) {
        next = Math.min(next, item.startNanos() + timeoutNanos - now);
      }
      if (item.cancelGraceEndNanos != 0) {
        next = Math.min(next, item.cancelGraceEndNanos - now);
      }
    }
    return next;
  }

  private void manageLocked(ManagerActions actions) {
    for (Gone g; (g = gone.poll()) != null; ) {
      goneLocked(g, actions);
    }
    // Tasks a gone worker never started are back in the queue, and an idle worker may be waiting for them.
    dispatchLocked(null);
    long now = System.nanoTime();
    for (WorkerHandle w : workers) {
      WorkItem item = w.head();
      if (item == null) {
        continue;
      }
      if (item.cancelGraceEndNanos != 0 && now - item.cancelGraceEndNanos >= 0
          && stopLocked(w, Stop.CANCELLED, item)) {
        actions.kill.add(w);
      } else if (timeoutNanos > 0 && item.startNanos() != 0 && now - item.startNanos() >= timeoutNanos
          && stopLocked(w, Stop.TIMED_OUT, item)) {
        actions.kill.add(w);
      }
    }
    if (runState != RunState.RUNNING) {
      // A requeued item's future was notified of its cancellation when it was cancelled while RUNNING.
      queue.removeIf(item -> item.future.isCancelled() && (item.requeued || !start(item)));
    }
    adjustWorkersLocked();
    boolean launching = runState == RunState.RUNNING || (runState == RunState.SHUTDOWN && !queue.isEmpty());
    for (Iterator<WorkerHandle> it = workers.iterator(); it.hasNext(); ) {
      WorkerHandle w = it.next();
      if (w.state != State.NEW) {
        continue;
      }
      if (launching) {
        w.moveTo(State.STARTING);
        actions.launch.add(w);
      } else {
        w.moveTo(State.GONE);
        it.remove();
      }
    }
    retireIfDrainedLocked();
    actions.terminates = terminatesLocked();
  }

  private boolean terminatesLocked() {
    return runState != RunState.RUNNING && runState != RunState.TERMINATED && workers.isEmpty() && queue.isEmpty()
        && gone.isEmpty() && completing == 0;
  }

  private void markTerminatedLocked() {
    ExitDrain.unregister(drainable);
    setRunStateLocked(RunState.TERMINATED);
    terminatedCondition.signalAll();
  }

  private void setRunStateLocked(RunState next) {
    runState = next;
    runStateView = next;
  }

  /** Accounts for a worker's exit: what it held fails or was already done, and the pool carries on or breaks. */
  private void goneLocked(Gone g, ManagerActions actions) {
    WorkerHandle w = g.worker();
    workers.remove(w);
    State was = w.state;
    boolean askedToExit = w.stdinClosed;
    w.moveTo(State.GONE);
    // Ends its writer thread, which may be waiting for work that will never come.
    w.closeStdin();
    List<WorkItem> held = w.takeHeld();
    if (was == State.STOPPING) {
      stoppedLocked(w, g, held, actions);
      return;
    }
    if (w.initializerFailure != null) {
      breakLocked(BrokenPool.initializerFailed(w, w.initializerFailure), held, actions);
      return;
    }
    if (was == State.RETIRING && askedToExit && held.isEmpty() && g.problem() == null) {
      if (g.status() != 0) {
        LOG.log(System.Logger.Level.WARNING, "{0} exited with {1} when asked to", w, ExitStatus.describe(g.status()));
      }
      return;
    }
    WorkerExits exit = new WorkerExits(w, g.status(), g.problem());
    boolean replacing =
        config.onWorkerDeath() == OnWorkerDeath.REPLACE_WORKER
            && (runState == RunState.RUNNING || runState == RunState.SHUTDOWN);
    if (replacing && w.tasksCompleted == 0 && ++deathsBeforeFirstTask >= CRASH_LOOP_DEATHS) {
      breakLocked(BrokenPool.crashLoop(CRASH_LOOP_DEATHS, exit.exception("")), held, actions);
      return;
    }
    if (!replacing) {
      breakLocked(BrokenPool.workerDied(w, exit), held, actions);
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "{0}: {1}; replacing it", name, exit.describe());
    List<WorkItem> neverStarted = new ArrayList<>(held.size());
    for (WorkItem item : held) {
      // A reader that failed while its worker ran stopped reading early: a task after the head may have run.
      if (item.headNanos == 0 && g.readAll()) {
        neverStarted.add(item);
      } else {
        actions.fail(item, exit.exception(" while it held " + item));
      }
    }
    requeueLocked(neverStarted);
  }

  /**
   * Puts tasks a worker held but never started back at the front of the queue, in their order; their futures stay
   * RUNNING. (A worker starts the tasks it holds in order, so a task that never became its head never ran.)
   */
  private void requeueLocked(List<WorkItem> neverStarted) {
    for (int i = neverStarted.size() - 1; i >= 0; i--) {
      WorkItem item = neverStarted.get(i);
      item.requeued = true;
      // Its timeout counts again from when another worker's writer has written it.
      item.writtenNanos = 0;
      queue.addFirst(item);
    }
  }

  /**
   * A worker stopped on purpose: nothing breaks. Its target ends as the reason says; a task that never started in
   * it goes back to the front of the queue when the pool still runs work; anything else it held was cut off.
   */
  private void stoppedLocked(WorkerHandle w, Gone g, List<WorkItem> held, ManagerActions actions) {
    WorkerExits exit = new WorkerExits(w, g.status(), g.problem());
    boolean requeue = (w.stop == Stop.CANCELLED || w.stop == Stop.TIMED_OUT)
        && (runState == RunState.RUNNING || runState == RunState.SHUTDOWN)
        && g.readAll();
    List<WorkItem> back = new ArrayList<>(held.size());
    for (WorkItem item : held) {
      if (item == w.stopTarget && w.stop == Stop.CANCELLED) {
        continue;
      }
      if (item != w.stopTarget && item.headNanos == 0 && requeue) {
        back.add(item);
        continue;
      }
      Throwable failure =
          switch (w.stop) {
            case CANCELLED -> exit.exception(" when a cancelled task's worker was stopped, while it held " + item);
            case TIMED_OUT ->
                item == w.stopTarget
                    ? new TaskTimeoutException(
                        item + " ran longer than " + config.taskTimeout() + " in " + w.where() + ", which was killed",
                        config.taskTimeout())
                    : exit.exception(" when a task that ran too long was stopped, while it held " + item);
            case FORCED ->
                new BrokenProcessPoolException(
                    "Worker process pid " + w.pid() + " was stopped by " + forcedBy + " before its task completed ("
                        + ExitStatus.describe(g.status()) + ")",
                    exit.exception(""));
            case POOL_BROKEN -> broken.exception();
          };
      actions.fail(item, failure);
    }
    requeueLocked(back);
  }

  /** Breaks the pool: fails every queued and dispatched item, stops every worker. */
  private void breakLocked(BrokenPool cause, List<WorkItem> held, ManagerActions actions) {
    BrokenPool b = broken != null ? broken : cause;
    held.forEach(item -> actions.fail(item, b));
    if (broken != null) {
      return;
    }
    broken = b;
    brokenView = b;
    setRunStateLocked(RunState.BROKEN);
    // Every future and later submission gets the cause; the log keeps only the line.
    LOG.log(System.Logger.Level.WARNING, "{0}: {1}", name, b.message());
    for (WorkItem item; (item = queue.poll()) != null; ) {
      actions.fail(item, b);
    }
    for (Iterator<WorkerHandle> it = workers.iterator(); it.hasNext(); ) {
      WorkerHandle w = it.next();
      for (WorkItem item; (item = w.held.poll()) != null; ) {
        item.worker = null;
        actions.fail(item, b);
      }
      if (w.state == State.NEW) {
        w.moveTo(State.GONE);
        it.remove();
      } else if (stopLocked(w, Stop.POOL_BROKEN, null)) {
        actions.kill.add(w);
      }
    }
  }

  /** Starts a worker process and its threads; runs in the manager thread. */
  void launch(WorkerHandle w) {
    boolean stopAtOnce;
    try {
      launcher.start(this, w);
    } catch (IOException | RuntimeException | Error e) {
      ManagerActions actions = new ManagerActions();
      lock.lock();
      try {
        if (w.state != State.GONE) {
          workers.remove(w);
          w.moveTo(State.GONE);
        }
        w.closeStdin();
        breakLocked(BrokenPool.couldNotStart(e), List.of(), actions);
        wakeManagerLocked();
      } finally {
        lock.unlock();
      }
      w.destroy(true);
      actions.run(this);
      return;
    }
    lock.lock();
    try {
      stopAtOnce = w.state == State.STOPPING;
    } finally {
      lock.unlock();
    }
    if (stopAtOnce) {
      w.destroy(true);
    }
  }

  // --- shutdown -------------------------------------------------------------------------------------

  /**
   * Python's {@code shutdown(wait, cancel_futures)}.
   *
   * @param wait whether to wait for termination (never from a pool thread)
   * @param cancelFutures whether to cancel queued work
   */
  public void shutdown(boolean wait, boolean cancelFutures) {
    List<WorkItem> cancelled = List.of();
    lock.lock();
    try {
      if (runState == RunState.RUNNING) {
        setRunStateLocked(RunState.SHUTDOWN);
      }
      if (cancelFutures) {
        cancelled = new ArrayList<>(queue);
        queue.clear();
        completing++;
      }
      wakeOrTerminateLocked();
    } finally {
      lock.unlock();
    }
    if (cancelFutures) {
      cancelQueued(cancelled, null);
    }
    // A pool thread waiting for its own pool to terminate would wait forever.
    if (wait && !ownThreads.contains(Thread.currentThread())) {
      Termination.awaitLikeClose(this::awaitTermination, () -> forceStop("an interrupted shutdown", false, true));
    }
  }

  private void wakeOrTerminateLocked() {
    if (manager != null) {
      wakeManagerLocked();
    } else if (terminatesLocked()) {
      // Nothing was ever queued, so there is no worker and no future to wait for.
      markTerminatedLocked();
    }
  }

  /**
   * Stops the pool now: no new work, queued work cancelled, every worker terminated (SIGTERM) or killed (SIGKILL).
   * Futures of running tasks are cancelled ({@code cancelRunning}) or fail with
   * {@link BrokenProcessPoolException}. Does not wait.
   *
   * @param by what is stopping the pool, for messages
   * @param kill whether to kill rather than terminate
   * @param cancelRunning whether running futures end cancelled rather than failed
   * @return the tasks that never started
   */
  public List<Runnable> forceStop(String by, boolean kill, boolean cancelRunning) {
    List<WorkItem> drained;
    List<WorkItem> running = new ArrayList<>();
    List<WorkerHandle> toStop = new ArrayList<>();
    lock.lock();
    try {
      if (runState == RunState.RUNNING || runState == RunState.SHUTDOWN) {
        setRunStateLocked(RunState.STOP);
      }
      if (forcedBy == null) {
        forcedBy = by;
      }
      drained = new ArrayList<>(queue);
      queue.clear();
      for (Iterator<WorkerHandle> it = workers.iterator(); it.hasNext(); ) {
        WorkerHandle w = it.next();
        if (w.state == State.NEW) {
          w.moveTo(State.GONE);
          it.remove();
          continue;
        }
        if (cancelRunning) {
          running.addAll(w.held);
        }
        if (stopLocked(w, Stop.FORCED, null)) {
          toStop.add(w);
        }
      }
      completing++;
    } finally {
      lock.unlock();
    }
    List<Runnable> neverStarted = new ArrayList<>();
    try {
      // The workers are STOPPING already, so cancelling a running future here stops nothing twice.
      running.forEach(item -> item.future.cancel(true));
      toStop.forEach(w -> w.destroy(kill));
    } finally {
      cancelQueued(drained, neverStarted);
    }
    return neverStarted;
  }

  /**
   * Cancels futures taken from the queue, outside the lock (callbacks run) and as pool threads, so that a callback
   * that shuts the pool down does not wait for it. Ends the {@code completing++} made when they were taken.
   */
  private void cancelQueued(List<WorkItem> items, List<Runnable> neverStarted) {
    boolean[] cancelled = new boolean[items.size()];
    List<Runnable> cancellations = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      int at = i;
      // A task sent back to the queue from a stopped worker is RUNNING already, and never ran.
      cancellations.add(() -> cancelled[at] = items.get(at).future.cancel(items.get(at).requeued));
    }
    try {
      Completions.runAll(cancellations, ownThreads);
      if (neverStarted != null) {
        for (int i = 0; i < cancelled.length; i++) {
          if (cancelled[i]) {
            neverStarted.add(runnable(items.get(i).frame()));
          }
        }
      }
    } finally {
      lock.lock();
      try {
        completing--;
        if (manager != null) {
          wakeManagerLocked();
        } else if (terminatesLocked()) {
          markTerminatedLocked();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** A task that never reached a worker, decoded from its frame when run. */
  private Runnable runnable(EncodedFrame frame) {
    return () -> {
      Task<?> task = (Task<?>) Serialization.fromBytes(launcher.kryos().newKryo(), frame.payload());
      try {
        task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    };
  }

  /**
   * Returns whether the pool accepts no more work.
   *
   * @return {@code true} once shut down, stopped or broken
   */
  public boolean isShutdown() {
    return runStateView != RunState.RUNNING;
  }

  /**
   * Returns whether the pool has terminated.
   *
   * @return {@code true} once shut down, every future done and every worker process exited
   */
  public boolean isTerminated() {
    return runStateView == RunState.TERMINATED;
  }

  /**
   * Waits until the pool has terminated: shut down, every task done, every worker process exited.
   *
   * @param nanos the most to wait
   * @return whether it terminated
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitTermination(long nanos) throws InterruptedException {
    lock.lock();
    try {
      while (runState != RunState.TERMINATED) {
        if (nanos <= 0) {
          return false;
        }
        nanos = terminatedCondition.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Describes the pool for {@code toString}.
   *
   * @return for example {@code ProcessPoolExecutor-0[running, workers=1/2, queued=0]}
   */
  public String describe() {
    lock.lock();
    try {
      String state =
          switch (runState) {
            case RUNNING -> "running";
            case SHUTDOWN, STOP -> "shutting down";
            case BROKEN -> "broken";
            case TERMINATED -> broken != null ? "broken" : "terminated";
          };
      return name + "[" + state + ", workers=" + workers.size() + "/" + config.maxWorkers() + ", queued="
          + queue.size() + "]";
    } finally {
      lock.unlock();
    }
  }

  Set<Thread> ownThreads() {
    return ownThreads;
  }
}
