package org.pyfutures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.pyfutures.internal.WorkerContext;
import org.pyfutures.internal.WorkerContextFactory;

/**
 * The machinery of a {@link ThreadPoolExecutor}, kept apart from it so that worker threads never reference the
 * executor object: an executor that becomes unreachable is shut down by a cleaner, as CPython's weak reference
 * does, and its workers finish the queue and exit.
 *
 * <p>Shape (CPython's {@code thread.py}): one unbounded FIFO of work items; threads started lazily, one per
 * submission while no worker is idle, up to {@code maxWorkers}; a semaphore counting idle workers; shutdown by a
 * sentinel at the tail of the queue, which each worker passes on to the next before it exits.
 */
final class ThreadWorkers {
  private static final System.Logger LOG = System.getLogger("org.pyfutures");
  private static final WorkItem<?> SHUTDOWN = new WorkItem<>(null, null);

  private final int maxWorkers;
  private final String threadNamePrefix;
  private final boolean virtualThreads;
  private final WorkerContextFactory contexts;
  private final LinkedBlockingQueue<WorkItem<?>> queue = new LinkedBlockingQueue<>();
  // One permit per worker that announced itself idle and was not yet claimed by a submission. Permits can be
  // stale (the worker took other work since); they are capped at the number of threads started.
  private final Semaphore idle = new Semaphore(0);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition terminatedCondition = lock.newCondition();
  // Guarded by lock.
  private final List<Thread> threads = new ArrayList<>();
  private int liveThreads;
  private Throwable initializerFailure;
  private boolean terminated;

  private volatile int startedThreads;
  private volatile boolean shutdown;
  private volatile boolean stopping;

  ThreadWorkers(
      int maxWorkers, String threadNamePrefix, boolean virtualThreads, WorkerContextFactory contexts) {
    this.maxWorkers = maxWorkers;
    this.threadNamePrefix = threadNamePrefix;
    this.virtualThreads = virtualThreads;
    this.contexts = contexts;
  }

  int maxWorkers() {
    return maxWorkers;
  }

  <R> Future<R> submit(Task<R> task) {
    Task<R> prepared = contexts.prepare(task);
    Future<R> future = new Future<>();
    WorkItem<R> item = new WorkItem<>(future, prepared);
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
        queue.remove(item);
        throw new RejectedExecutionException("cannot start a worker thread", e);
      }
    } finally {
      lock.unlock();
    }
    return future;
  }

  /**
   * Claims an idle worker for the item just queued, or starts a thread if none is idle. Holds lock. Once every
   * thread is started there is nothing to decide, and the idle count is no longer kept.
   */
  private void adjustThreadCount() {
    if (threads.size() < maxWorkers && !idle.tryAcquire()) {
      WorkerContext context = contexts.newContext();
      String name = threadNamePrefix + "_" + threads.size();
      Runnable body = () -> runWorker(context);
      Thread thread =
          virtualThreads
              ? Thread.ofVirtual().name(name).unstarted(body)
              : Thread.ofPlatform().name(name).daemon(false).unstarted(body);
      thread.start();
      threads.add(thread);
      liveThreads++;
      startedThreads = threads.size();
    }
  }

  private void runWorker(WorkerContext context) {
    try {
      context.initialize();
    } catch (Throwable t) {
      initializerFailed(t);
      workerExited();
      return;
    }
    try {
      boolean announcedIdle = false;
      for (; ; ) {
        WorkItem<?> item = queue.poll();
        if (item == null) {
          if (!announcedIdle) {
            announceIdle();
          }
          item = take();
        }
        if (item == SHUTDOWN) {
          queue.add(SHUTDOWN);
          return;
        }
        if (!stopping) {
          // An interrupt meant for the previous task must not reach this one.
          Thread.interrupted();
        }
        announcedIdle = item.run(context, onTaskDone);
      }
    } finally {
      try {
        context.close();
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "Exception closing worker " + Thread.currentThread().getName(), t);
      }
      workerExited();
    }
  }

  private final Runnable onTaskDone = this::announceIdle;

  private void announceIdle() {
    int started = startedThreads;
    if (started < maxWorkers && idle.availablePermits() < started) {
      idle.release();
    }
  }

  private WorkItem<?> take() {
    for (; ; ) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // shutdownNow interrupts every worker and queues the sentinel; anything else is stray. Take again.
      }
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

  /** Removes every queued item but the sentinel. Holds lock. */
  private List<WorkItem<?>> drainQueue() {
    List<WorkItem<?>> drained = new ArrayList<>();
    queue.drainTo(drained);
    if (drained.removeIf(item -> item == SHUTDOWN)) {
      queue.add(SHUTDOWN);
    }
    return drained;
  }

  private void workerExited() {
    boolean nowTerminated;
    lock.lock();
    try {
      liveThreads--;
      nowTerminated = markTerminatedIfDone();
    } finally {
      lock.unlock();
    }
    if (nowTerminated) {
      contexts.terminated();
    }
  }

  /** Holds lock. Returns true exactly once: when the pool is shut down and its last worker has exited. */
  private boolean markTerminatedIfDone() {
    if (shutdown && liveThreads == 0 && !terminated) {
      terminated = true;
      terminatedCondition.signalAll();
      return true;
    }
    return false;
  }

  void shutdown(boolean wait, boolean cancelFutures) {
    List<WorkItem<?>> cancelled = List.of();
    boolean nowTerminated;
    boolean calledByWorker;
    lock.lock();
    try {
      shutdown = true;
      if (cancelFutures) {
        cancelled = drainQueue();
      }
      queue.add(SHUTDOWN);
      nowTerminated = markTerminatedIfDone();
      calledByWorker = threads.contains(Thread.currentThread());
    } finally {
      lock.unlock();
    }
    if (nowTerminated) {
      contexts.terminated();
    }
    for (WorkItem<?> item : cancelled) {
      item.future.cancel();
    }
    // A worker waiting for its own pool to terminate would wait forever.
    if (wait && !calledByWorker) {
      awaitTerminationLikeClose();
    }
  }

  /** Waits like {@link java.util.concurrent.ExecutorService#close()}: an interrupt stops running work once. */
  private void awaitTerminationLikeClose() {
    boolean interrupted = false;
    while (true) {
      try {
        if (awaitTermination(Long.MAX_VALUE)) {
          break;
        }
      } catch (InterruptedException e) {
        if (!interrupted) {
          shutdownNow();
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  List<Runnable> shutdownNow() {
    List<WorkItem<?>> drained;
    List<Thread> toInterrupt;
    boolean nowTerminated;
    lock.lock();
    try {
      shutdown = true;
      stopping = true;
      drained = drainQueue();
      queue.add(SHUTDOWN);
      toInterrupt = List.copyOf(threads);
      nowTerminated = markTerminatedIfDone();
    } finally {
      lock.unlock();
    }
    if (nowTerminated) {
      contexts.terminated();
    }
    List<Runnable> neverStarted = new ArrayList<>();
    for (WorkItem<?> item : drained) {
      if (item.future.cancel()) {
        neverStarted.add(item.asRunnable());
      }
    }
    for (Thread thread : toInterrupt) {
      thread.interrupt();
    }
    return neverStarted;
  }

  boolean isShutdown() {
    return shutdown;
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
      long queued = queue.stream().filter(item -> item != SHUTDOWN).count();
      return "[" + state + ", threads=" + liveThreads + "/" + maxWorkers + ", queued=" + queued + "]";
    } finally {
      lock.unlock();
    }
  }
}
