package org.pyfutures;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.pyfutures.internal.ExitDrain;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.internal.Termination;
import org.pyfutures.internal.WorkerContext;
import org.pyfutures.internal.WorkerContextFactory;

/**
 * The machinery of a {@link ThreadPoolExecutor}, kept apart from it so that worker threads never reference the
 * executor object: an executor that becomes unreachable is shut down by a cleaner, as CPython's weak reference
 * does, and its workers finish the queue and exit.
 *
 * <p>Shape (CPython's {@code thread.py}): one unbounded FIFO of work items; threads started lazily, while there is
 * more queued work than idle workers, up to {@code maxWorkers}. Unlike CPython's idle semaphore, the idle count
 * here is exact, so a queued item never waits for a busy worker while a thread could still be started.
 */
final class ThreadWorkers {
  private static final System.Logger LOG = System.getLogger("org.pyfutures");

  private final int maxWorkers;
  private final String threadNamePrefix;
  private final boolean virtualThreads;
  private final WorkerContextFactory contexts;
  private final StatsCounters stats;

  private final ExitDrain.Drainable drainable =
      ExitDrain.of(() -> shutdown(false, false), this::awaitTermination, this::ownsThread);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workAvailable = lock.newCondition();
  private final Condition terminatedCondition = lock.newCondition();
  // Everything below is guarded by lock.
  private final ArrayDeque<WorkItem<?>> queue = new ArrayDeque<>();
  private final List<Worker> workers = new ArrayList<>();
  // Threads now cancelling futures they took from this pool (shutdown with cancelFutures, shutdownNow), once per
  // call in progress. Termination waits for them, so it happens-after those cancellations. Like workers, they
  // never wait for the pool's termination: a done-callback calling close() there would wait for itself.
  private final List<Thread> cancellers = new ArrayList<>();
  // Workers that will take their next item from the queue without running anything first: new threads, and
  // workers that finished a task. A worker leaves this count in the same critical section in which it takes an
  // item, so "queue.size() > idleWorkers" is exactly "some queued item has no worker coming for it".
  private int idleWorkers;
  private int liveThreads;
  private Throwable initializerFailure;
  private boolean shutdown;
  private boolean terminated;

  /** One worker thread. Guarded by lock. */
  private static final class Worker {
    Thread thread;
    // The item taken last, until the worker announces itself idle, after the task and before its future
    // completes: the only span in which the item's stopper interrupts this thread. The interrupt is cleared at
    // the next take, so it never reaches the next task nor, since a stopped task's future is cancelled, a
    // callback of this one.
    WorkItem<?> current;
    // Until its first take the thread runs the initializer, which shutdownNow interrupts.
    boolean initializing = true;
    WorkerContext context;
  }

  ThreadWorkers(
      int maxWorkers,
      String threadNamePrefix,
      boolean virtualThreads,
      WorkerContextFactory contexts,
      StatsCounters stats) {
    this.maxWorkers = maxWorkers;
    this.stats = stats;
    this.threadNamePrefix = threadNamePrefix;
    this.virtualThreads = virtualThreads;
    this.contexts = contexts;
  }

  int maxWorkers() {
    return maxWorkers;
  }

  <R> Future<R> submit(Task<R> task) {
    Task<R> prepared = contexts.prepare(task, stats);
    Future<R> future = new Future<>();
    WorkItem<R> item = new WorkItem<>(future, prepared, StatsCounters.weight(task), this);
    lock.lock();
    try {
      if (initializerFailure != null) {
        throw contexts.broken(initializerFailure);
      }
      if (shutdown) {
        throw new RejectedExecutionException("cannot schedule new futures after shutdown");
      }
      queue.add(item);
      try {
        adjustThreadCount();
      } catch (RuntimeException | Error e) {
        queue.removeLastOccurrence(item);
        throw new RejectedExecutionException("cannot start a worker thread", e);
      }
      workAvailable.signal();
    } finally {
      lock.unlock();
    }
    return future;
  }

  /** Starts a thread if some queued item has no idle worker coming for it. Holds lock. */
  private void adjustThreadCount() {
    if (queue.size() > idleWorkers && workers.size() < maxWorkers) {
      startThread();
    }
  }

  /** Holds lock. */
  private void startThread() {
    StatsCounters.Local counters = stats.local();
    WorkerContext context = contexts.newContext(counters);
    String name = threadNamePrefix + "_" + workers.size();
    Worker worker = new Worker();
    Runnable body = () -> runWorker(worker, context, counters);
    Thread thread =
        virtualThreads
            ? Thread.ofVirtual().name(name).unstarted(body)
            : Thread.ofPlatform().name(name).daemon(true).unstarted(body);
    worker.thread = thread;
    worker.context = context;
    if (workers.isEmpty()) {
      // Daemon threads never keep the JVM alive; at exit, ExitDrain finishes the work already submitted.
      ExitDrain.register(drainable);
    }
    thread.start();
    workers.add(worker);
    liveThreads++;
    idleWorkers++;
  }

  private void runWorker(Worker worker, WorkerContext context, StatsCounters.Local counters) {
    try {
      context.initialize();
    } catch (Throwable t) {
      initializerFailed(t);
      workerExited(true);
      return;
    }
    Runnable idle = () -> announceIdle(worker);
    try {
      for (WorkItem<?> item; (item = take(worker)) != null; ) {
        if (!item.run(context, idle, counters)) {
          idle.run();
        }
      }
    } finally {
      try {
        context.close();
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "Exception closing worker " + Thread.currentThread().getName(), t);
      }
      workerExited(false);
    }
  }

  /**
   * Called after a task ran and before its future completes, so that a caller woken by the result and
   * submitting again finds this worker idle instead of starting another thread.
   */
  private void announceIdle(Worker worker) {
    lock.lock();
    try {
      idleWorkers++;
      worker.current = null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Interrupts the worker running {@code item}, if one still does: the stopper of a future cancelled with
   * {@code cancel(true)}. A late stopper finds no worker and interrupts nothing.
   */
  void interruptWorkerRunning(WorkItem<?> item) {
    lock.lock();
    try {
      for (Worker worker : workers) {
        if (worker.current == item) {
          worker.thread.interrupt();
          return;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next item, waiting for one; the caller is counted idle until then. Returns null when the pool is
   * shut down and the queue is empty: the worker exits (and is no longer counted idle).
   */
  private WorkItem<?> take(Worker worker) {
    lock.lock();
    try {
      for (; ; ) {
        WorkItem<?> item = queue.poll();
        if (item != null || shutdown) {
          idleWorkers--;
          worker.current = item;
          worker.initializing = false;
          // A stray interrupt, or one the previous task left behind, must not reach the next task.
          Thread.interrupted();
          return item;
        }
        worker.context.idled();
        workAvailable.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  private void initializerFailed(Throwable failure) {
    LOG.log(System.Logger.Level.ERROR, "Exception in initializer of " + threadNamePrefix, failure);
    List<WorkItem<?>> drained;
    lock.lock();
    try {
      if (initializerFailure == null) {
        initializerFailure = failure;
      }
      drained = drainQueue();
    } finally {
      lock.unlock();
    }
    // Cancelled items are skipped: CPython's drain dies on them and strands the rest.
    for (WorkItem<?> item : drained) {
      if (startQuietly(item.future)) {
        item.future.setException(contexts.broken(failure));
      }
    }
  }

  private static boolean startQuietly(Future<?> future) {
    try {
      return future.setRunningOrNotifyCancel();
    } catch (IllegalStateException alreadyStarted) {
      return false;
    }
  }

  /** Removes every queued item. Holds lock. */
  private List<WorkItem<?>> drainQueue() {
    List<WorkItem<?>> drained = new ArrayList<>(queue);
    queue.clear();
    return drained;
  }

  private void workerExited(boolean stillCountedIdle) {
    boolean nowTerminated;
    lock.lock();
    try {
      if (stillCountedIdle) {
        idleWorkers--;
      }
      liveThreads--;
      nowTerminated = markTerminatedIfDone();
    } finally {
      lock.unlock();
    }
    if (nowTerminated) {
      contexts.terminated();
    }
  }

  /**
   * Holds lock. Returns true exactly once: when the pool is shut down, its last worker has exited and no thread is
   * still cancelling futures it took from the queue.
   */
  private boolean markTerminatedIfDone() {
    if (shutdown && liveThreads == 0 && cancellers.isEmpty() && !terminated) {
      terminated = true;
      ExitDrain.unregister(drainable);
      terminatedCondition.signalAll();
      return true;
    }
    return false;
  }

  void shutdown(boolean wait, boolean cancelFutures) {
    Thread caller = Thread.currentThread();
    List<WorkItem<?>> cancelled = List.of();
    boolean nowTerminated;
    boolean poolThread;
    lock.lock();
    try {
      poolThread = isPoolThread(caller);
      shutdown = true;
      if (cancelFutures) {
        cancelled = drainQueue();
        if (!cancelled.isEmpty()) {
          cancellers.add(caller);
        }
      }
      workAvailable.signalAll();
      nowTerminated = markTerminatedIfDone();
    } finally {
      lock.unlock();
    }
    if (nowTerminated) {
      contexts.terminated();
    }
    if (!cancelled.isEmpty()) {
      try {
        for (WorkItem<?> item : cancelled) {
          item.future.cancel();
        }
      } finally {
        cancellingDone(caller);
      }
    }
    // A pool thread waiting for its own pool to terminate would wait forever.
    if (wait && !poolThread) {
      Termination.awaitLikeClose(this::awaitTermination, this::shutdownNow);
    }
  }

  List<Runnable> shutdownNow() {
    Thread caller = Thread.currentThread();
    List<WorkItem<?>> drained;
    List<WorkItem<?>> running = new ArrayList<>();
    List<Thread> initializing = new ArrayList<>();
    lock.lock();
    try {
      shutdown = true;
      drained = drainQueue();
      for (Worker worker : workers) {
        if (worker.current != null) {
          running.add(worker.current);
        } else if (worker.initializing) {
          initializing.add(worker.thread);
        }
      }
      cancellers.add(caller);
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    List<Runnable> neverStarted = new ArrayList<>();
    try {
      for (WorkItem<?> item : running) {
        item.future.cancel(true);
      }
      for (WorkItem<?> item : drained) {
        if (item.future.cancel()) {
          neverStarted.add(item.asRunnable());
        }
      }
      for (Thread thread : initializing) {
        thread.interrupt();
      }
    } finally {
      cancellingDone(caller);
    }
    return neverStarted;
  }

  /** Holds lock. Whether {@code thread} is one of this pool's workers, or is cancelling futures of this pool. */
  private boolean isPoolThread(Thread thread) {
    for (Worker worker : workers) {
      if (worker.thread == thread) {
        return true;
      }
    }
    return cancellers.contains(thread);
  }

  private void cancellingDone(Thread canceller) {
    boolean nowTerminated;
    lock.lock();
    try {
      cancellers.remove(canceller);
      nowTerminated = markTerminatedIfDone();
    } finally {
      lock.unlock();
    }
    if (nowTerminated) {
      contexts.terminated();
    }
  }

  private boolean ownsThread(Thread thread) {
    lock.lock();
    try {
      return workers.stream().anyMatch(w -> w.thread == thread);
    } finally {
      lock.unlock();
    }
  }

  boolean isShutdown() {
    lock.lock();
    try {
      return shutdown;
    } finally {
      lock.unlock();
    }
  }

  boolean isTerminated() {
    lock.lock();
    try {
      return terminated;
    } finally {
      lock.unlock();
    }
  }

  boolean awaitTermination(long nanos) throws InterruptedException {
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

  boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return awaitTermination(unit.toNanos(timeout));
  }

  String describe() {
    lock.lock();
    try {
      String state =
          initializerFailure != null
              ? "broken"
              : terminated ? "terminated" : shutdown ? "shutting down" : "running";
      return "[" + state + ", threads=" + liveThreads + "/" + maxWorkers + ", queued=" + queue.size() + "]";
    } finally {
      lock.unlock();
    }
  }
}
