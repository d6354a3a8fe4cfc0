package org.pyfutures.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pyfutures.Future;
import org.pyfutures.InvalidStateException;
import org.pyfutures.Task;
import org.pyfutures.cluster.BrokenClusterException;
import org.pyfutures.cluster.MemberLostException;
import org.pyfutures.internal.FutureControl;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.internal.Tasks;

/**
 * The dispatcher behind a {@code ClusterExecutor}. Tasks wait here, PENDING and cancellable, until fewer than
 * {@code maxWorkers} calls are in flight; the next call then goes to the initialized member running the fewest of
 * this pool's calls, through Hazelcast's {@link IExecutorService#submitToMember}. A call carries one task, or,
 * while more tasks are queued than free calls and that member's recent tasks were short, several of the queued
 * tasks (see {@link #batchSize}), which the member runs in order. Replies are decoded, and futures completed, on
 * one thread of the pool's own, never on Hazelcast's threads. A member whose process exits (local members) or
 * that leaves the cluster fails the futures of the tasks it was running, and only those.
 */
public final class ClusterPool {
  /** How long a local member whose connection failed may take to be seen exited before it counts as alive. */
  private static final long EXIT_GRACE_MILLIS = 2_000;

  /** Task bytes past which a call takes no further task: batching saves a round trip, not copying. */
  private static final int MAX_BATCH_BYTES = 64 * 1024;

  private final HazelcastInstance hazelcast;
  private final IExecutorService service;
  private final IExecutorService control;
  /** Names this pool's calls apart from other pools' on the same members. */
  private final long poolId = UUID.randomUUID().getMostSignificantBits();
  private final LocalCluster local;
  private final boolean ownsLocal;
  private final Runnable removeExitListener;
  private final ClusterKryo kryo;
  private final int maxWorkers;
  private final byte[] initializer;
  private final ExecutorService replyThread;
  private volatile Thread replyThreadRef;
  private volatile boolean stoppingNow;
  private final java.util.concurrent.Executor replies;
  private volatile StatsCounters stats = new StatsCounters();
  /** Threads cancelling futures they took from the queue: they run callbacks as the pool's own. */
  private final java.util.Set<Thread> cancellers = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final UUID listener;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final java.util.concurrent.atomic.LongAdder callsSent = new java.util.concurrent.atomic.LongAdder();

  // Guarded by this.
  private final ArrayDeque<WorkItem> queue = new ArrayDeque<>();
  private final Map<UUID, MemberState> members = new LinkedHashMap<>();
  private int inFlight;
  private long callsNumbered;
  private int initsInFlight;
  private boolean shutdown;
  private boolean terminating;
  private String brokenMessage;
  private Throwable brokenCause;

  /**
   * Creates a pool on a cluster.
   *
   * @param hazelcast a member or client of the cluster
   * @param owned a local cluster started for this pool alone, closed when it terminates; or null
   * @param kryo how tasks are copied
   * @param maxWorkers the most Hazelcast calls in flight
   * @param initializer the initializer's bytes, or null
   */
  public ClusterPool(
      HazelcastInstance hazelcast, LocalCluster owned, ClusterKryo kryo, int maxWorkers, byte[] initializer) {
    AsyncThreads.reuse();
    this.hazelcast = hazelcast;
    this.local = owned != null ? owned : LocalCluster.of(hazelcast);
    this.ownsLocal = owned != null;
    this.service = hazelcast.getExecutorService(LocalConfigs.EXECUTOR);
    this.control = hazelcast.getExecutorService(CancelRequest.EXECUTOR);
    this.kryo = kryo;
    this.maxWorkers = maxWorkers;
    this.initializer = initializer;
    this.replyThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "pyfutures-cluster-replies");
              t.setDaemon(true);
              replyThreadRef = t;
              return t;
            });
    this.replies =
        command -> {
          try {
            replyThread.execute(command);
          } catch (RejectedExecutionException terminated) {
            // A reply after termination (for a future already failed as lost) needs no handling.
          }
        };
    this.listener =
        hazelcast
            .getCluster()
            .addMembershipListener(
                new MembershipListener() {
                  @Override
                  public void memberAdded(MembershipEvent event) {
                    added(event.getMember());
                  }

                  @Override
                  public void memberRemoved(MembershipEvent event) {
                    replies.execute(() -> lost(event.getMember().getUuid(), "left the cluster"));
                  }
                });
    for (Member m : hazelcast.getCluster().getMembers()) {
      added(m);
    }
    this.removeExitListener =
        local == null ? () -> {} : local.onMemberExit(port -> replies.execute(() -> localExit(port)));
  }

  private void added(Member m) {
    if (m.isLiteMember()) {
      return;
    }
    synchronized (this) {
      if (terminating || members.containsKey(m.getUuid())) {
        return;
      }
      members.put(m.getUuid(), new MemberState(m, describe(m), initializer != null));
    }
    pump();
  }

  private String describe(Member m) {
    OptionalLong pid = local == null ? OptionalLong.empty() : local.pid(m);
    return "member " + m.getAddress().getHost() + ":" + m.getAddress().getPort()
        + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "");
  }

  private void localExit(int port) {
    UUID uuid;
    synchronized (this) {
      uuid = members.values().stream()
          .filter(s -> s.member.getAddress().getPort() == port)
          .map(s -> s.member.getUuid())
          .findFirst()
          .orElse(null);
    }
    if (uuid != null) {
      lost(uuid, "exited");
    }
  }

  /**
   * Queues a task.
   *
   * @param task the task
   * @return its future
   * @throws RejectedExecutionException if the pool is shut down or broken
   */
  @SuppressWarnings("unchecked")
  public <R> Future<R> submit(Task<R> task) {
    checkOpen();
    byte[] bytes;
    long start = System.nanoTime();
    try {
      bytes = kryo.write(Tasks.toSend(task));
    } catch (RuntimeException | LinkageError | StackOverflowError notWritable) {
      stats.completed(StatsCounters.weight(task));
      Future<R> failed = new Future<>();
      failed.setException(notWritable);
      return failed;
    } finally {
      stats.copied(System.nanoTime() - start);
    }
    stats.sent(bytes.length);
    WorkItem item = new WorkItem(task, bytes);
    synchronized (this) {
      checkOpen();
      queue.add(item);
    }
    pump();
    return (Future<R>) item.future;
  }

  private synchronized void checkOpen() {
    if (brokenMessage != null) {
      throw new BrokenClusterException(brokenMessage, brokenCause);
    }
    if (shutdown) {
      throw new RejectedExecutionException("cannot schedule new tasks after shutdown");
    }
  }

  /** Starts what can start: initializers of members about to be needed, and queued tasks within the window. */
  private void pump() {
    List<Runnable> sends = new ArrayList<>();
    synchronized (this) {
      if (brokenMessage == null && !queue.isEmpty()) {
        for (MemberState m : members.values()) {
          if (m.init == MemberState.Init.NEEDED) {
            m.init = MemberState.Init.RUNNING;
            initsInFlight++;
            sends.add(() -> sendInitializer(m));
          }
        }
        // Until every known member is initialized, nothing is dispatched, so that the first tasks spread over
        // all members rather than pile onto the one whose initializer happened to finish first.
        boolean initializing = members.values().stream().anyMatch(m -> m.init == MemberState.Init.RUNNING);
        while (!initializing && inFlight < maxWorkers && !queue.isEmpty()) {
          MemberState target = leastBusyReadyMember();
          if (target == null) {
            break;
          }
          int size = batchSize(target);
          List<WorkItem> items = new ArrayList<>(size);
          long bytes = 0;
          while (items.size() < size && !queue.isEmpty()) {
            if (!items.isEmpty() && bytes + queue.peek().bytes.length > MAX_BATCH_BYTES) {
              break;
            }
            WorkItem item = queue.poll();
            if (FutureControl.setRunningOrNotifyCancel(item.future, item)) {
              items.add(item);
              bytes += item.bytes.length;
            }
          }
          if (items.isEmpty()) {
            continue;
          }
          Batch batch = new Batch(new CallId(poolId, callsNumbered++), List.copyOf(items), target, control);
          items.forEach(item -> item.batch = batch);
          target.running.add(batch);
          inFlight++;
          sends.add(() -> send(batch));
        }
      }
      checkTerminated();
    }
    sends.forEach(Runnable::run);
  }

  /**
   * How many queued tasks the next call to {@code target} takes: one, unless more tasks are queued than calls can
   * still start, and then the queue spread evenly over the free calls, up to what the member's recent run times
   * allow. Only tasks already queued are taken; none waits for a call to fill.
   */
  private int batchSize(MemberState target) {
    int free = maxWorkers - inFlight;
    int spread = (queue.size() + free - 1) / free;
    return Math.max(1, Math.min(spread, target.batchLimit()));
  }

  private MemberState leastBusyReadyMember() {
    MemberState best = null;
    for (MemberState m : members.values()) {
      if (m.init == MemberState.Init.DONE && (best == null || m.running.size() < best.running.size())) {
        best = m;
      }
    }
    return best;
  }

  @SuppressWarnings("unchecked") // Hazelcast's futures are CompletableFutures.
  private void send(Batch batch) {
    try {
      java.util.concurrent.Future<byte[]> remote =
          service.submitToMember(batch.call(), batch.member.member);
      callsSent.increment();
      batch.remote = remote;
      if (stoppingNow) {
        remote.cancel(true);
      } else {
        // cancel(true) may have run between dispatch and send, and seen no call or no Hazelcast future yet.
        batch.stopCancelled();
      }
      ((CompletionStage<byte[]>) remote).whenCompleteAsync((bytes, error) -> finished(batch, bytes, error), replies);
    } catch (RuntimeException e) {
      replies.execute(() -> finished(batch, null, e));
    }
  }

  private void finished(Batch batch, byte[] bytes, Throwable error) {
    synchronized (this) {
      if (!batch.member.running.remove(batch)) {
        return; // Already failed: its member was lost.
      }
      inFlight--;
    }
    // The window is freed before the futures complete, so a caller that submits from a result sees it free.
    int size = batch.items.size();
    Throwable failure;
    byte[][] frames = null;
    try {
      failure = error == null ? null : translate(unwrap(error), batch.member);
      if (failure == null) {
        frames = Frames.split(bytes, size);
      }
    } catch (Throwable malformed) {
      failure = malformed instanceof IllegalStateException ? malformed
          : new IllegalStateException("a member's answer could not be read: " + malformed, malformed);
    }
    for (int i = 0; i < size; i++) {
      WorkItem item = batch.items.get(i);
      try {
        Throwable own = failure == null ? null : CallFailures.forTask(failure, i, size);
        complete(item, frames == null ? null : frames[i], own);
      } catch (Throwable t) {
        // Whatever escaped decoding this reply, the future completes, and the call's other futures too.
        failIfRunning(item, t);
      }
    }
    if (failure instanceof MemberLostException) {
      lost(batch.member.member.getUuid(), "was lost");
    }
    pump();
  }

  /**
   * Completes {@code item}'s future from its reply's bytes, or with {@code failure} (already translated). A
   * task's reply counts its bytes and times whatever its future's state; the task counts as completed only if
   * this completes its future (not if it was cancelled meanwhile, or failed by a member loss that raced with it).
   */
  private void complete(WorkItem item, byte[] bytes, Throwable failure) {
    if (failure != null) {
      failIfRunning(item, failure);
      return;
    }
    Reply reply = null;
    Object value = null;
    Throwable outcome = null;
    long start = System.nanoTime();
    try {
      reply = (Reply) kryo.read(bytes);
    } catch (Throwable notReadable) {
      outcome = notReadable;
    } finally {
      stats.copied(System.nanoTime() - start);
      stats.received(bytes.length);
    }
    if (reply != null) {
      stats.copied(reply.copyNanos());
      stats.ran(Math.max(0, reply.runNanos()));
      item.batch.member.ran(reply.runNanos());
      try {
        if (reply.failure() != null) {
          outcome = reply.failure().restore(kryo.kryo(), "cluster " + item.batch.member.description);
        } else {
          value = Tasks.keepsResult(item.task) ? ((Tasks.OfRunnable<?>) item.task).result() : reply.value();
        }
      } catch (Throwable notRestorable) {
        outcome = notRestorable;
      }
    }
    try {
      if (outcome == null) {
        item.future.setResult(value);
      } else {
        item.future.setException(outcome);
      }
      stats.completed(StatsCounters.weight(item.task));
    } catch (InvalidStateException cancelledOrLost) {
      // Cancelled while it ran, or failed by a member loss that raced with its reply: that outcome stands.
    }
  }

  private static void failIfRunning(WorkItem item, Throwable failure) {
    try {
      item.future.setException(failure);
    } catch (InvalidStateException alreadyDone) {
      // Cancelled, or failed by a member loss that raced with its reply.
    }
  }

  private static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  private Throwable translate(Throwable error, MemberState member) {
    if (error instanceof CancellationException) {
      CancellationException stopped =
          new CancellationException("stopped by shutdownNow(): Hazelcast cancelled it on " + member.description);
      stopped.initCause(error);
      return stopped;
    }
    String name = error.getClass().getName();
    if (name.startsWith("com.hazelcast.") && (name.contains("Member") || name.contains("Target")
        || name.contains("NotActive")) && gone(member)) {
      return new MemberLostException(member.description + " was lost while running this task", error);
    }
    // Otherwise the member is alive: the request failed on its way (a client without a connection of its own
    // to that member routes through another one, which may be the one that died).
    return error;
  }

  private boolean gone(MemberState member) {
    if (local != null) {
      OptionalLong pid = local.pid(member.member);
      if (pid.isPresent()) {
        // The connection to a killed member can drop before its process is reaped: give it a moment to be seen dead.
        return ProcessHandle.of(pid.getAsLong()).map(ClusterPool::exitsSoon).orElse(true);
      }
    }
    try {
      return !hazelcast.getCluster().getMembers().contains(member.member);
    } catch (RuntimeException inactive) {
      return true;
    }
  }

  private static boolean exitsSoon(ProcessHandle process) {
    try {
      process.onExit().get(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException alive) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (ExecutionException e) {
      return !process.isAlive();
    }
  }

  private void lost(UUID uuid, String how) {
    List<WorkItem> orphans;
    List<WorkItem> drained = List.of();
    String description;
    synchronized (this) {
      MemberState m = members.remove(uuid);
      if (m == null) {
        return;
      }
      description = m.description;
      orphans = new ArrayList<>();
      m.running.forEach(batch -> orphans.addAll(batch.items));
      inFlight -= m.running.size();
      m.running.clear();
      if (m.init == MemberState.Init.RUNNING) {
        initsInFlight--;
      }
      if (members.isEmpty() && !terminating && brokenMessage == null) {
        brokenMessage = "no cluster members left: the last one, " + description + ", " + how;
        drained = drainQueue();
      }
    }
    for (WorkItem item : orphans) {
      try {
        item.future.setException(
            new MemberLostException(description + " " + how + " while running this task"));
      } catch (InvalidStateException alreadyDone) {
        // Its reply arrived first.
      }
    }
    failBroken(drained);
    pump();
  }

  @SuppressWarnings("unchecked")
  private void sendInitializer(MemberState m) {
    try {
      java.util.concurrent.Future<byte[]> remote =
          service.submitToMember(new RemoteCall(initializer), m.member);
      callsSent.increment();
      ((CompletionStage<byte[]>) remote).whenCompleteAsync((bytes, error) -> initialized(m, bytes, error), replies);
    } catch (RuntimeException e) {
      replies.execute(() -> initialized(m, null, e));
    }
  }

  private void initialized(MemberState m, byte[] bytes, Throwable error) {
    Throwable failure = error == null ? null : translate(unwrap(error), m);
    if (failure == null) {
      try {
        Reply reply = (Reply) kryo.read(Frames.split(bytes, 1)[0]);
        if (reply.failure() != null) {
          failure = reply.failure().restore(kryo.kryo(), "cluster " + m.description);
        }
      } catch (RuntimeException | LinkageError | StackOverflowError notReadable) {
        failure = notReadable;
      }
    }
    if (failure instanceof MemberLostException) {
      lost(m.member.getUuid(), "was lost while running the initializer");
      return;
    }
    List<WorkItem> drained = List.of();
    synchronized (this) {
      if (m.init != MemberState.Init.RUNNING) {
        return; // The member was lost meanwhile.
      }
      initsInFlight--;
      if (failure == null) {
        m.init = MemberState.Init.DONE;
      } else if (brokenMessage == null) {
        brokenMessage = "the initializer failed on " + m.description + ": " + failure;
        brokenCause = failure;
        drained = drainQueue();
      }
    }
    failBroken(drained);
    pump();
  }

  private List<WorkItem> drainQueue() {
    List<WorkItem> drained = new ArrayList<>(queue);
    queue.clear();
    return drained;
  }

  private void failBroken(List<WorkItem> drained) {
    String message;
    Throwable cause;
    synchronized (this) {
      message = brokenMessage;
      cause = brokenCause;
    }
    for (WorkItem item : drained) {
      if (item.future.setRunningOrNotifyCancel()) {
        item.future.setException(new BrokenClusterException(message, cause));
      }
    }
  }

  /**
   * Python's {@code shutdown(wait, cancel_futures)}.
   *
   * @param cancelFutures whether to cancel queued work
   * @return the queued items that this call cancelled
   */
  public List<Task<?>> shutdown(boolean cancelFutures) {
    List<WorkItem> drained;
    Thread self = Thread.currentThread();
    boolean cancelling;
    synchronized (this) {
      shutdown = true;
      drained = cancelFutures ? drainQueue() : List.of();
      // Termination waits until these futures are cancelled, and their callbacks run as the pool's own.
      cancelling = !drained.isEmpty() && cancellers.add(self);
    }
    List<Task<?>> cancelled = new ArrayList<>();
    try {
      for (WorkItem item : drained) {
        if (item.future.cancel()) {
          cancelled.add(item.task);
        }
      }
    } finally {
      if (cancelling) {
        cancellers.remove(self);
      }
    }
    pump();
    return cancelled;
  }

  /**
   * Stops now: no new work, queued work cancelled, running work cancelled through Hazelcast, which interrupts it
   * on its member.
   *
   * @return the tasks that never started
   */
  public List<Task<?>> shutdownNow() {
    stoppingNow = true;
    List<Task<?>> neverStarted = shutdown(true);
    List<WorkItem> running = new ArrayList<>();
    synchronized (this) {
      members.values().forEach(m -> m.running.forEach(batch -> running.addAll(batch.items)));
    }
    // Their futures end cancelled; each stopper stops its own task (see Batch.stop).
    Thread self = Thread.currentThread();
    boolean cancelling = cancellers.add(self);
    try {
      running.forEach(item -> item.future.cancel(true));
    } finally {
      if (cancelling) {
        cancellers.remove(self);
      }
    }
    pump();
    return neverStarted;
  }

  private void checkTerminated() {
    boolean idle = queue.isEmpty() && inFlight == 0 && initsInFlight == 0 && cancellers.isEmpty();
    if (shutdown && idle && !terminating) {
      terminating = true;
      replies.execute(this::terminate);
    }
  }

  private void terminate() {
    try {
      try {
        hazelcast.getCluster().removeMembershipListener(listener);
      } catch (RuntimeException inactive) {
        // The instance is already shut down.
      }
      removeExitListener.run();
      if (ownsLocal) {
        local.close();
      }
    } finally {
      terminated.countDown();
      replyThread.shutdown();
    }
  }

  /**
   * Records this pool's traffic and times into the executor's counters.
   *
   * @param counters the executor's
   */
  public void countInto(StatsCounters counters) {
    stats = counters;
  }

  /**
   * Returns whether the caller is a thread that completes this pool's futures (its reply thread, or a shutdown
   * cancelling queued futures), which must never wait for the pool's termination: termination needs that thread.
   */
  public boolean isOwnThread() {
    Thread self = Thread.currentThread();
    return self == replyThreadRef || cancellers.contains(self);
  }

  /** Returns whether shutdown was requested. */
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  /** Returns whether the pool terminated. */
  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  /**
   * Waits for termination.
   *
   * @param nanos the most to wait
   * @return whether it terminated
   * @throws InterruptedException if interrupted
   */
  public boolean awaitTermination(long nanos) throws InterruptedException {
    return terminated.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** Returns how many members run this pool's tasks now. */
  public synchronized int memberCount() {
    return members.size();
  }

  /** Returns the most calls in flight. */
  public int maxWorkers() {
    return maxWorkers;
  }

  /** Returns how many Hazelcast calls this pool has sent: initializers, and calls carrying one or more tasks. */
  public long callsSent() {
    return callsSent.sum();
  }
}
