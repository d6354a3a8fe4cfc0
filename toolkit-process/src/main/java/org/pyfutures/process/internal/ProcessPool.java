package org.pyfutures.process.internal;

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
import org.pyfutures.InvalidStateException;
import org.pyfutures.Task;
import org.pyfutures.internal.Serialization;
import org.pyfutures.internal.Termination;

/**
 * The machinery of a {@code ProcessPoolExecutor}, kept apart from it so that nothing here references the executor:
 * an executor that becomes unreachable can be shut down by a cleaner.
 *
 * <p>Shape (CPython's {@code process.py}, without its hangs): submitted work waits in a FIFO {@link #queue}, each
 * item PENDING and cancellable, until a worker is idle; then it is marked RUNNING and its frame written to that
 * worker. Each worker runs one task at a time, so at most {@code maxWorkers} tasks are ever dispatched: the
 * dispatch window is the set of busy workers. Dispatch runs in whichever thread frees or adds capacity (a
 * submitter, a worker's reader), so neither a submission nor a result waits for another thread to be scheduled.
 * One reader thread per worker reads and decodes its replies and completes futures. One manager thread per pool
 * does everything slow or rare: it launches worker processes, handles their exits (breaking the pool when one
 * dies abruptly), asks idle workers to exit at shutdown, and marks the pool terminated.
 *
 * <p>All state below is guarded by {@link #lock}; no I/O and no future completion happens while it is held.
 */
public final class ProcessPool {
  private static final System.Logger LOG = System.getLogger("org.pyfutures.process");
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final PoolConfig config;
  private final String name;
  private final KryoFactory kryos;
  private final Pool<Kryo> submitKryos;
  private final WorkerLauncher launcher;
  private final AtomicLong ids = new AtomicLong();
  private final Set<Thread> ownThreads = ConcurrentHashMap.newKeySet();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition managerWakeup = lock.newCondition();
  private final Condition terminatedCondition = lock.newCondition();
  private final ArrayDeque<WorkItem> queue = new ArrayDeque<>();
  private final List<WorkerProcess> workers = new ArrayList<>();
  private final ArrayDeque<Gone> gone = new ArrayDeque<>();
  private int workersCreated;
  private Thread manager;
  private boolean managerWanted;
  private boolean shutdown;
  private String forcedBy;
  private BrokenPool broken;
  private boolean terminated;
  /** Shutdowns still cancelling futures they took from the queue; the pool terminates only after them. */
  private int cancelling;

  // Lock-free views for the fast rejection path and the ExecutorService queries.
  private volatile boolean shutdownView;
  private volatile boolean terminatedView;
  private volatile BrokenPool brokenView;

  /** A worker's exit as its reader saw it. */
  private record Gone(WorkerProcess worker, int status, Throwable problem) {}

  /** An item just assigned to a worker, to be written outside the lock. */
  private record Dispatch(WorkerProcess worker, WorkItem item) {}

  /**
   * Creates a pool; no process starts until the first submission.
   *
   * @param config the configuration
   * @throws RuntimeException from Kryo if the initializer or customizer cannot be serialized
   */
  public ProcessPool(PoolConfig config) {
    this.config = config;
    this.name = "ProcessPoolExecutor-" + POOL_NUMBER.getAndIncrement();
    this.kryos = new KryoFactory(config.loader(), config.kryoCustomizer());
    EncodedFrame hello =
        EncodedFrame.ofPayload(
            Frame.HELLO, 0, Hello.encode(config.loader(), config.kryoCustomizer(), config.initializer()));
    this.launcher = new WorkerLauncher(config, name, hello, kryos);
    this.submitKryos =
        new Pool<>(true, false, 64) {
          @Override
          protected Kryo create() {
            return kryos.newKryo();
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

  // --- submission and dispatch ------------------------------------------------------------------

  /**
   * Queues a task. Its serialization happens here, in the caller's thread; if it fails, the returned future holds
   * the failure and the pool is unaffected.
   *
   * @param task the task
   * @param <R> the result type
   * @return its future
   * @throws BrokenProcessPoolException if the pool is broken
   * @throws RejectedExecutionException if the pool is shut down
   */
  public <R> Future<R> submit(Task<R> task) {
    throwIfNotAccepting(brokenView, shutdownView);
    long id = ids.incrementAndGet();
    Future<R> future = new Future<>();
    EncodedFrame frame;
    try {
      frame = encode(id, task);
    } catch (Throwable t) {
      future.setException(t);
      return future;
    }
    WorkItem item = new WorkItem(id, future, frame);
    List<Dispatch> dispatched;
    lock.lock();
    try {
      throwIfNotAccepting(broken, shutdown);
      queue.add(item);
      dispatched = dispatchLocked();
      adjustWorkersLocked();
    } finally {
      lock.unlock();
    }
    send(dispatched);
    return future;
  }

  private static void throwIfNotAccepting(BrokenPool broken, boolean shutdown) {
    if (broken != null) {
      throw broken.exception();
    }
    if (shutdown) {
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

  /** Assigns queued items to idle workers; skips (and notifies) cancelled ones. */
  private List<Dispatch> dispatchLocked() {
    List<Dispatch> dispatched = null;
    while (!queue.isEmpty()) {
      WorkerProcess idle = idleWorkerLocked();
      if (idle == null) {
        break;
      }
      WorkItem item = queue.poll();
      if (!startQuietly(item.future)) {
        continue;
      }
      idle.state = WorkerProcess.State.BUSY;
      idle.current = item;
      idle.tasksAssigned++;
      if (config.maxTasksPerChild() > 0 && idle.tasksAssigned >= config.maxTasksPerChild()) {
        idle.retiring = true;
      }
      if (dispatched == null) {
        dispatched = new ArrayList<>(2);
      }
      dispatched.add(new Dispatch(idle, item));
    }
    return dispatched;
  }

  private WorkerProcess idleWorkerLocked() {
    for (WorkerProcess w : workers) {
      if (w.state == WorkerProcess.State.IDLE && !w.retiring && w.current == null && !w.stdinClosed) {
        return w;
      }
    }
    return null;
  }

  /** Moves a queued future to RUNNING; false if it was cancelled (now notified) or completed by someone else. */
  private static boolean startQuietly(Future<?> future) {
    try {
      return future.setRunningOrNotifyCancel();
    } catch (IllegalStateException completedElsewhere) {
      return false;
    }
  }

  /** Creates workers (launched by the manager) while queued work exceeds the workers that will be free for it. */
  private void adjustWorkersLocked() {
    if (broken != null || forcedBy != null || queue.isEmpty()) {
      return;
    }
    int available = 0;
    for (WorkerProcess w : workers) {
      if (!w.retiring && !w.stdinClosed && w.current == null) {
        available++;
      }
    }
    while (queue.size() > available && workers.size() < config.maxWorkers()) {
      workers.add(new WorkerProcess(workersCreated++));
      available++;
      wakeManagerLocked();
    }
  }

  private void send(List<Dispatch> dispatched) {
    if (dispatched == null) {
      return;
    }
    for (Dispatch d : dispatched) {
      try {
        d.worker().send(d.item().takeFrame());
      } catch (IOException e) {
        // The worker is dead or cannot be written to; either way its reader reports it gone, failing the item.
        d.worker().destroy(true);
      }
    }
  }

  // --- events from worker readers ---------------------------------------------------------------

  void workerReady(WorkerProcess worker) {
    List<Dispatch> dispatched;
    lock.lock();
    try {
      if (worker.state == WorkerProcess.State.STARTING) {
        worker.state = WorkerProcess.State.IDLE;
      }
      dispatched = dispatchLocked();
      if (shutdown && queue.isEmpty()) {
        wakeManagerLocked();
      }
    } finally {
      lock.unlock();
    }
    send(dispatched);
  }

  /**
   * Takes the item a reply is for, frees the worker and gives it (or another idle worker) the next item.
   *
   * @return the item, or null if the worker was not running task {@code id}
   */
  WorkItem taskReplied(WorkerProcess worker, long id) {
    WorkItem item;
    List<Dispatch> dispatched = null;
    lock.lock();
    try {
      item = worker.current;
      if (item == null || item.id != id) {
        return null;
      }
      worker.current = null;
      worker.replying = item;
      worker.state = WorkerProcess.State.IDLE;
      if (worker.retiring || (shutdown && queue.isEmpty())) {
        wakeManagerLocked();
      }
      if (!worker.retiring) {
        dispatched = dispatchLocked();
      }
    } finally {
      lock.unlock();
    }
    send(dispatched);
    return item;
  }

  /** Called once the reply to {@code item} has completed its future, or failed to. */
  void replyCompleted(WorkerProcess worker, WorkItem item) {
    lock.lock();
    try {
      if (worker.replying == item) {
        worker.replying = null;
      }
    } finally {
      lock.unlock();
    }
  }

  void initializerFailed(WorkerProcess worker, Throwable failure) {
    lock.lock();
    try {
      worker.initializerFailure = failure;
    } finally {
      lock.unlock();
    }
  }

  /** Reports a worker gone; only the first report counts. */
  void workerGone(WorkerProcess worker, int status, Throwable problem) {
    launcher.exited(worker, status);
    lock.lock();
    try {
      if (worker.goneReported) {
        return;
      }
      worker.goneReported = true;
      gone.add(new Gone(worker, status, problem));
      wakeManagerLocked();
    } finally {
      lock.unlock();
    }
  }

  // --- the manager --------------------------------------------------------------------------------

  private void wakeManagerLocked() {
    if (manager == null) {
      manager = Thread.ofPlatform().name(name + "-manager").daemon(false).unstarted(this::manage);
      ownThreads.add(manager);
      manager.start();
    }
    managerWanted = true;
    managerWakeup.signal();
  }

  /** What the manager does after releasing the lock, in this order. */
  private final class Actions {
    final List<WorkerProcess> launch = new ArrayList<>();
    final List<WorkerProcess> close = new ArrayList<>();
    final List<WorkerProcess> kill = new ArrayList<>();
    final List<WorkItem> failed = new ArrayList<>();
    final List<Object> failures = new ArrayList<>();
    boolean terminates;

    void fail(WorkItem item, Object failure) {
      failed.add(item);
      failures.add(failure);
    }

    void run() {
      launch.forEach(ProcessPool.this::launch);
      close.forEach(WorkerProcess::closeStdin);
      kill.forEach(w -> w.destroy(true));
      for (int i = 0; i < failed.size(); i++) {
        Object f = failures.get(i);
        Throwable t = f instanceof BrokenPool b ? b.exception() : (Throwable) f;
        try {
          failed.get(i).future.setException(t);
        } catch (InvalidStateException cancelledOrCompleted) {
          // A cancelled future stays cancelled.
        }
      }
    }
  }

  private void manage() {
    for (; ; ) {
      Actions actions = new Actions();
      lock.lock();
      try {
        while (!managerWanted) {
          managerWakeup.awaitUninterruptibly();
        }
        managerWanted = false;
        manageLocked(actions);
      } finally {
        lock.unlock();
      }
      actions.run();
      // Termination happens-after every future is complete, so it is marked only once the actions that complete
      // futures have run; the condition cannot be undone once true, as nothing can be queued after shutdown.
      if (actions.terminates) {
        lock.lock();
        try {
          markTerminatedLocked();
        } finally {
          lock.unlock();
        }
        ownThreads.remove(Thread.currentThread());
        return;
      }
    }
  }

  private void manageLocked(Actions actions) {
    for (Gone g; (g = gone.poll()) != null; ) {
      goneLocked(g, actions);
    }
    if (shutdown) {
      dropCancelledLocked();
    }
    adjustWorkersLocked();
    boolean draining = shutdown && queue.isEmpty();
    for (Iterator<WorkerProcess> it = workers.iterator(); it.hasNext(); ) {
      WorkerProcess w = it.next();
      if (!w.launched) {
        if (draining || w.forcedBy != null) {
          it.remove();
        } else {
          w.launched = true;
          actions.launch.add(w);
        }
      } else if (!w.stdinClosed && w.current == null && w.forcedBy == null && (w.retiring || draining)) {
        w.stdinClosed = true;
        actions.close.add(w);
      }
    }
    actions.terminates = shutdown && workers.isEmpty() && queue.isEmpty() && gone.isEmpty() && cancelling == 0;
  }

  private void dropCancelledLocked() {
    queue.removeIf(item -> item.future.isCancelled() && !startQuietly(item.future));
  }

  private void markTerminatedLocked() {
    terminated = true;
    terminatedView = true;
    terminatedCondition.signalAll();
  }

  private void goneLocked(Gone g, Actions actions) {
    WorkerProcess w = g.worker();
    workers.remove(w);
    List<WorkItem> unfinished = new ArrayList<>(2);
    if (w.replying != null) {
      // Its reply was cut off, or its reader gave up on the stream while decoding it.
      unfinished.add(w.replying);
      w.replying = null;
    }
    if (w.current != null) {
      unfinished.add(w.current);
      w.current = null;
    }
    if (w.forcedBy != null) {
      BrokenProcessPoolException stopped =
          new BrokenProcessPoolException(
              "Worker process pid " + w.pid() + " was stopped by " + w.forcedBy
                  + " before its task completed (" + ExitStatus.describe(g.status()) + ")");
      unfinished.forEach(item -> actions.fail(item, stopped));
      return;
    }
    if (w.initializerFailure != null) {
      breakLocked(BrokenPool.initializerFailed(w, w.initializerFailure), unfinished, actions);
      return;
    }
    if (w.stdinClosed && unfinished.isEmpty() && g.problem() == null) {
      if (g.status() != 0) {
        LOG.log(System.Logger.Level.WARNING, "{0} exited with {1} when asked to", w, ExitStatus.describe(g.status()));
      }
      if (w.retiring && !shutdown && workers.size() < config.maxWorkers()) {
        // Replace a worker retired by maxTasksPerChild at once, as CPython does, so the next task finds one.
        workers.add(new WorkerProcess(workersCreated++));
      }
      return;
    }
    breakLocked(BrokenPool.workerDied(w, g.status(), g.problem()), unfinished, actions);
  }

  /** Breaks the pool: fails every queued and dispatched item, stops every worker. */
  private void breakLocked(BrokenPool cause, List<WorkItem> unfinished, Actions actions) {
    BrokenPool b = broken != null ? broken : cause;
    unfinished.forEach(item -> actions.fail(item, b));
    if (broken != null) {
      return;
    }
    broken = b;
    brokenView = b;
    shutdown = true;
    shutdownView = true;
    LOG.log(System.Logger.Level.ERROR, name + ": " + b.message(), b.cause());
    for (WorkItem item; (item = queue.poll()) != null; ) {
      actions.fail(item, b);
    }
    for (Iterator<WorkerProcess> it = workers.iterator(); it.hasNext(); ) {
      WorkerProcess w = it.next();
      if (w.current != null) {
        actions.fail(w.current, b);
        w.current = null;
      }
      if (w.forcedBy == null) {
        w.forcedBy = "the broken pool";
      }
      if (!w.launched) {
        it.remove();
      } else {
        actions.kill.add(w);
      }
    }
  }

  /** Starts a worker process and its threads; runs in the manager thread. */
  private void launch(WorkerProcess w) {
    Process process;
    try {
      process = launcher.start(w);
    } catch (IOException | RuntimeException e) {
      Actions actions = new Actions();
      lock.lock();
      try {
        workers.remove(w);
        breakLocked(BrokenPool.couldNotStart(e), List.of(), actions);
        wakeManagerLocked();
      } finally {
        lock.unlock();
      }
      actions.run();
      return;
    }
    StderrForwarder stderr = launcher.stderrOf(w, process);
    boolean stopAtOnce;
    lock.lock();
    try {
      w.attach(process, stderr);
      stopAtOnce = w.forcedBy != null;
    } finally {
      lock.unlock();
    }
    if (stopAtOnce) {
      process.destroyForcibly();
    }
    launcher.startThreads(this, w, stderr, ownThreads);
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
      shutdown = true;
      shutdownView = true;
      if (cancelFutures) {
        cancelled = new ArrayList<>(queue);
        queue.clear();
        cancelling++;
      }
      wakeOrTerminateLocked();
    } finally {
      lock.unlock();
    }
    if (cancelFutures) {
      cancelAll(cancelled, null);
    }
    // A pool thread waiting for its own pool to terminate would wait forever.
    if (wait && !ownThreads.contains(Thread.currentThread())) {
      Termination.awaitLikeClose(
          this::awaitTermination, () -> forceStop("an interrupted shutdown", false));
    }
  }

  private void wakeOrTerminateLocked() {
    if (manager != null) {
      wakeManagerLocked();
    } else if (!terminated) {
      // Nothing was ever queued, so there is no worker and no future to wait for.
      markTerminatedLocked();
    }
  }

  /**
   * Stops the pool now: no new work, queued work cancelled, every worker terminated (SIGTERM) or killed (SIGKILL);
   * futures of tasks that were running fail with {@link BrokenProcessPoolException}. Does not wait.
   *
   * @param by what is stopping the pool, for messages
   * @param kill whether to kill rather than terminate
   * @return the tasks that never started
   */
  public List<Runnable> forceStop(String by, boolean kill) {
    List<WorkItem> drained;
    List<WorkerProcess> toStop = new ArrayList<>();
    lock.lock();
    try {
      shutdown = true;
      shutdownView = true;
      if (forcedBy == null) {
        forcedBy = by;
      }
      drained = new ArrayList<>(queue);
      queue.clear();
      cancelling++;
      for (Iterator<WorkerProcess> it = workers.iterator(); it.hasNext(); ) {
        WorkerProcess w = it.next();
        if (w.forcedBy == null) {
          w.forcedBy = by;
        }
        if (w.process() != null) {
          toStop.add(w);
        } else if (!w.launched) {
          it.remove();
        }
      }
      wakeOrTerminateLocked();
    } finally {
      lock.unlock();
    }
    List<Runnable> neverStarted = new ArrayList<>();
    cancelAll(drained, neverStarted);
    for (WorkerProcess w : toStop) {
      w.destroy(kill);
    }
    return neverStarted;
  }

  /** Cancels futures taken from the queue (outside the lock: callbacks run), then lets the pool terminate. */
  private void cancelAll(List<WorkItem> items, List<Runnable> neverStarted) {
    try {
      for (WorkItem item : items) {
        if (item.future.cancel() && neverStarted != null) {
          neverStarted.add(runnable(item.unsentFrame()));
        }
      }
    } finally {
      lock.lock();
      try {
        cancelling--;
        if (manager != null) {
          wakeManagerLocked();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** A task that never reached a worker, decoded from its frame when run. */
  private Runnable runnable(EncodedFrame frame) {
    return () -> {
      Task<?> task = (Task<?>) Serialization.fromBytes(kryos.newKryo(), frame.payload());
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
    return shutdownView;
  }

  /**
   * Returns whether the pool has terminated.
   *
   * @return {@code true} once shut down, every future done and every worker process exited
   */
  public boolean isTerminated() {
    return terminatedView;
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
      while (!terminated) {
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
          broken != null ? "broken" : terminated ? "terminated" : shutdown ? "shutting down" : "running";
      return name + "[" + state + ", workers=" + workers.size() + "/" + config.maxWorkers()
          + ", queued=" + queue.size() + "]";
    } finally {
      lock.unlock();
    }
  }
}
