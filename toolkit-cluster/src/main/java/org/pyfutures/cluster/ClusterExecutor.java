package org.pyfutures.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.pyfutures.Executor;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.Future;
import org.pyfutures.Initializer;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.Task;
import org.pyfutures.cluster.internal.AllowList;
import org.pyfutures.cluster.internal.ClusterKryo;
import org.pyfutures.cluster.internal.ClusterPool;
import org.pyfutures.cluster.internal.LocalCluster;
import org.pyfutures.internal.AbstractExecutor;
import org.pyfutures.internal.Termination;

/**
 * An {@link Executor} that runs each task on a member of a Hazelcast cluster, through Hazelcast's
 * {@code IExecutorService}: the same API as the thread and process pools, for work that outgrows one machine.
 *
 * <p><b>Members.</b> {@link Builder#hazelcast(HazelcastInstance)} runs on a cluster the application already has,
 * through its member or client; the executor never shuts that instance down. {@link Builder#localMembers(int)}
 * instead starts that many member JVMs on this machine with this JVM's {@code java} and class path, joined over
 * TCP on 127.0.0.1 only (no multicast, no phone-home), reached through a Hazelcast client in this JVM; they stop
 * when the executor terminates, and on their own when this JVM dies, however it dies. A task's classes must be
 * on every member's class path: open-source Hazelcast cannot ship code to members.
 *
 * <p><b>Copying.</b> A task, its arguments and its result cross as Kryo bytes, configured as in the process pool
 * (serializable lambdas and method references included); Hazelcast carries them as a byte array. Both sides read
 * only classes on an allow-list: the JDK's value packages ({@code java.lang}, {@code java.util},
 * {@code java.time}, {@code java.math}, {@code java.io}, {@code java.nio}) and {@code org.pyfutures}, plus what
 * {@link Builder#allowClasses} adds here and the {@code pyfutures.cluster.allowedClasses} system property adds on a
 * member. A copy that fails, or names a class off the list, fails that task's future only.
 *
 * <p><b>Scheduling.</b> At most {@link Builder#maxWorkers maxWorkers} Hazelcast calls are in flight across the
 * cluster; tasks not yet sent wait here, in submission order, {@code PENDING} and cancellable. Each call goes to
 * the member running the fewest of this executor's calls. An {@linkplain Builder#initializer initializer} runs
 * once on each member before this executor's first task there. {@code map} honours {@code chunksize}.
 *
 * <p><b>Batching.</b> A call carries one task, except when more tasks are queued than calls can start and the
 * member's recent tasks were short: then it carries several of the queued tasks (up to 16 while they ran under
 * about 50&nbsp;µs each, 2 under 0.5&nbsp;ms), which the member runs one after another under one worker name. No
 * task waits for a batch to fill, and a member's first call carries one task. Every task of a sent call is
 * {@code RUNNING}, as in CPython's call queue, and keeps its own outcome: its own result or exception, its own
 * statistics. A call answers once, when its last task ends: a task sent with one that runs long waits for it,
 * whether it runs behind it or finished ahead of it. The tasks of a call run in order on one thread, so tasks that
 * wait on each other may deadlock if they share a call; submit such tasks only with room for all of them in the
 * window, or once what they wait for is done.
 *
 * <p><b>Failures.</b> A task's exception keeps its type, message and stack trace, and gains a
 * {@link RemoteTraceback} naming the member; one whose class cannot be read here arrives as an
 * {@link ExecutionFailedException}. A member that leaves the cluster while running tasks fails exactly those
 * futures (every task of a batch sent to it included), each with a {@link MemberLostException} naming the member
 * (and its pid, for a local member); the other members carry on, and lost local members are not replaced. When
 * no member is left, or an initializer throws, the executor is broken: queued futures and later submissions fail
 * with {@link BrokenClusterException}.
 *
 * <p><b>Stopping running work.</b> {@link Future#cancel(boolean) cancel(true)} on a running future cancels it and
 * cancels the task through Hazelcast, which interrupts its thread on its member; {@link #shutdownNow()} does the
 * same to every running task. A task that ignores interrupts runs on to its end on its member, its result
 * discarded. In a batch, {@code cancel(true)} stops that task alone, through a control request to its member on
 * the Hazelcast executor {@code pyfutures-control} (configured with two threads on local members, Hazelcast's
 * defaults elsewhere): it is interrupted if it runs, or skipped when its turn comes, and the other tasks of the
 * batch run on uninterrupted. {@link Future#cancel()} keeps Python's meaning and never cancels a running future.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to submitting a task <i>happen-before</i> the
 * task is copied, which happens in the submitting thread before {@code submit} returns. Actions of the task on its
 * member <i>happen-before</i> its result is retrieved through its future. Futures are completed, and their
 * done-callbacks run, in one thread of the executor's own; a callback that blocks holds up every other reply.
 * Termination, as observed by {@link #awaitTermination} or {@code shutdown(true, ...)}, <i>happens-after</i> every
 * task has completed and, for local members, every member process has exited.
 */
public final class ClusterExecutor extends AbstractExecutor {
  private final ClusterPool pool;

  private ClusterExecutor(ClusterPool pool) {
    this.pool = pool;
    pool.countInto(counters());
  }

  /**
   * Returns a builder; without {@link Builder#hazelcast} it starts local members.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the most Hazelcast calls this executor keeps in flight, each carrying one task or a batch.
   *
   * @return the dispatch window
   */
  public int maxWorkers() {
    return pool.maxWorkers();
  }

  /** Returns how many Hazelcast calls this executor has sent, for tests of batching. */
  long callsSent() {
    return pool.callsSent();
  }

  @Override
  protected int parallelism() {
    return maxWorkers();
  }

  /**
   * Returns how many members currently run this executor's tasks.
   *
   * @return the members known and not lost
   */
  public int memberCount() {
    return pool.memberCount();
  }

  @Override
  protected boolean copiesTasks() {
    return true;
  }

  @Override
  protected <R> Future<R> submitTask(Task<R> task) {
    return pool.submit(task);
  }

  /**
   * Python's {@code shutdown(wait, cancel_futures)}: stops intake; with {@code cancelFutures} cancels queued
   * work; with {@code wait} waits for termination, including the exit of local members. Called from a
   * done-callback of this executor (run by its reply thread, or by a shutdown cancelling futures), it does not
   * wait: termination needs that thread.
   */
  @Override
  public void shutdown(boolean wait, boolean cancelFutures) {
    pool.shutdown(cancelFutures);
    if (wait && !pool.isOwnThread()) {
      Termination.awaitLikeClose(pool::awaitTermination, pool::shutdownNow);
    }
  }

  /**
   * Cancels queued work, cancels running work through Hazelcast (which interrupts it on its member), and
   * returns the tasks that never started.
   */
  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> neverStarted = new ArrayList<>();
    for (Task<?> task : pool.shutdownNow()) {
      neverStarted.add(new NeverStarted(task));
    }
    return neverStarted;
  }

  @Override
  public boolean isShutdown() {
    return pool.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(unit.toNanos(timeout));
  }

  @Override
  public String toString() {
    return "ClusterExecutor[maxWorkers=" + maxWorkers() + ", members=" + memberCount()
        + (isTerminated() ? ", terminated]" : isShutdown() ? ", shut down]" : "]");
  }

  private record NeverStarted(Task<?> task) implements Runnable {
    @Override
    public void run() {
      try {
        task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }
  }

  /** Configures a {@link ClusterExecutor}. Not thread-safe. */
  public static final class Builder {
    private HazelcastInstance hazelcast;
    private int localMembers = 2;
    private int maxWorkers;
    private Initializer initializer;
    private final List<String> allowed = new ArrayList<>();

    private Builder() {}

    /**
     * Runs on an existing cluster through this member or client, which the executor never shuts down. Every
     * member needs the task classes and {@code toolkit-cluster} on its class path.
     *
     * @param hazelcast a running member or client
     * @return this builder
     */
    public Builder hazelcast(HazelcastInstance hazelcast) {
      this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
      return this;
    }

    /**
     * Starts this many member JVMs on this machine (the default, with 2), stopped when the executor terminates.
     * Ignored with {@link #hazelcast}.
     *
     * @param n how many members, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder localMembers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("localMembers must be at least 1, got " + n);
      }
      this.localMembers = n;
      return this;
    }

    /**
     * Caps the Hazelcast calls in flight across the cluster, the parallelism; the default is members × this
     * machine's processors.
     *
     * @param maxWorkers at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxWorkers < 1}
     */
    public Builder maxWorkers(int maxWorkers) {
      if (maxWorkers < 1) {
        throw new IllegalArgumentException("maxWorkers must be at least 1, got " + maxWorkers);
      }
      this.maxWorkers = maxWorkers;
      return this;
    }

    /**
     * Runs this once on each member before the executor's first task there; if it throws, the executor breaks.
     *
     * @param initializer the initializer, serializable
     * @return this builder
     */
    public Builder initializer(Initializer initializer) {
      this.initializer = Objects.requireNonNull(initializer, "initializer");
      return this;
    }

    /**
     * Adds classes this side may read from the network, besides the JDK value packages and
     * {@code org.pyfutures}: {@code "com.acme.Point"} (with its nested classes) or {@code "com.acme.*"} (a package
     * and its subpackages). Local members get the same list; members of an existing cluster read theirs from the
     * {@code pyfutures.cluster.allowedClasses} system property (comma-separated, same forms).
     *
     * @param entries class names or packages followed by {@code .*}
     * @return this builder
     * @throws IllegalArgumentException if an entry is blank or contains a comma or whitespace
     */
    public Builder allowClasses(String... entries) {
      for (String entry : entries) {
        allowed.add(AllowList.check(entry));
      }
      return this;
    }

    /**
     * Creates the executor; with local members, starts them and returns once they formed a cluster.
     *
     * @return the executor
     * @throws IllegalStateException if local members cannot be started
     */
    public ClusterExecutor build() {
      AllowList allowList = AllowList.of(allowed);
      ClusterKryo kryo = new ClusterKryo(allowList);
      byte[] init = initializer == null ? null : kryo.write(initializer);
      LocalCluster local = hazelcast == null ? LocalCluster.start(localMembers, allowList) : null;
      HazelcastInstance instance = local == null ? hazelcast : local.client();
      try {
        int members = Math.max(1, (int) instance.getCluster().getMembers().stream()
            .filter(m -> !m.isLiteMember()).count());
        int window = maxWorkers > 0 ? maxWorkers : members * Runtime.getRuntime().availableProcessors();
        return new ClusterExecutor(new ClusterPool(instance, local, kryo, window, init));
      } catch (RuntimeException e) {
        if (local != null) {
          local.close();
        }
        throw e;
      }
    }
  }
}
