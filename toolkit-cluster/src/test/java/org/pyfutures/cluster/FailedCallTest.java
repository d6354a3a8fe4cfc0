package org.pyfutures.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Future;

/**
 * A Hazelcast call that fails with its member alive: every task it carried fails, each with its own exception.
 * The member is embedded in the test's JVM, with a Hazelcast executor of one thread and a queue of one, which the
 * test fills so that the member refuses the call.
 */
@Timeout(120)
class FailedCallTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Semaphore TASK_ZERO_RAN = new Semaphore(0);
  /** Each attempt's blockers' latches: the first one started, and release. */
  private static final List<CountDownLatch[]> ATTEMPTS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Holds the member's one executor thread until the test lets it go. */
  static final class Blocker implements Runnable, Serializable {
    private static final long serialVersionUID = 1L;
    private final int attempt;

    Blocker(int attempt) {
      this.attempt = attempt;
    }

    @Override
    public void run() {
      CountDownLatch[] latches = ATTEMPTS.get(attempt);
      latches[0].countDown();
      try {
        latches[1].await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static int taskZero() {
    TASK_ZERO_RAN.release();
    return 0;
  }

  private static HazelcastInstance member() {
    Config config = new Config();
    config.setClusterName("pyfutures-failed-call-" + UUID.randomUUID());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.getNetworkConfig().setPort(5901).setPortAutoIncrement(true).setPortCount(100);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    config.getExecutorConfig("pyfutures").setPoolSize(1).setQueueCapacity(1);
    return Hazelcast.newHazelcastInstance(config);
  }

  @Test
  void eachTaskOfAFailedCallGetsAnExceptionOfItsOwn() throws Exception {
    HazelcastInstance member = member();
    try (ClusterExecutor executor = ClusterExecutor.builder().hazelcast(member).maxWorkers(1).build()) {
      StalledReplies.warmUp(executor, 30, 1);
      // Task zero's own first runs (in this JVM, with its JIT at work) must not raise the member's recent run time.
      for (int i = 0; i < 30; i++) {
        executor.submit(FailedCallTest::taskZero).result(WAIT);
      }
      // The member runs in this busy JVM: a pause in a task can raise its average run time past what batches
      // need, and then the scenario is tried again.
      long calls = Long.MAX_VALUE;
      for (int attempt = 0; attempt < 3 && calls > 1 + 4 - 1; attempt++) {
        calls = refusedCall(executor, member);
      }
      assertTrue(calls <= 1 + 4 - 1, calls + " calls: no call carried two tasks");
    } finally {
      member.shutdown();
    }
  }

  /** Has the member refuse a call of 4 queued tasks, checks their exceptions, and returns the calls it took. */
  private static long refusedCall(ClusterExecutor executor, HazelcastInstance member) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    int attempt = ATTEMPTS.size();
    ATTEMPTS.add(new CountDownLatch[] {started, release});
    TASK_ZERO_RAN.drainPermits();
    List<Future<Integer>> batch = new ArrayList<>();
    long before;
    try {
      try (StalledReplies stalled = new StalledReplies(executor)) {
        before = executor.callsSent();
        executor.submit(FailedCallTest::taskZero);
        assertTrue(TASK_ZERO_RAN.tryAcquire(30, TimeUnit.SECONDS));
        for (int i = 1; i <= 4; i++) {
          batch.add(executor.submit((Integer x) -> x, i));
        }
        // The member's one executor thread and its queue's one place are taken: it refuses the next call.
        IExecutorService service = member.getExecutorService("pyfutures");
        service.executeOnMember(new Blocker(attempt), member.getCluster().getLocalMember());
        assertTrue(started.await(30, TimeUnit.SECONDS));
        service.executeOnMember(new Blocker(attempt), member.getCluster().getLocalMember());
      }
      List<Throwable> failures = new ArrayList<>();
      for (Future<Integer> f : batch) {
        failures.add(f.exception(WAIT));
      }
      for (int i = 0; i < failures.size(); i++) {
        Throwable failure = failures.get(i);
        // Alone in its call, a task gets the call's own failure; with others, a failure of its own around it.
        Throwable refusal = failure instanceof IllegalStateException ? failure.getCause() : failure;
        assertInstanceOf(RejectedExecutionException.class, refusal, String.valueOf(failure));
        for (int j = 0; j < i; j++) {
          assertNotSame(failures.get(j), failure);
        }
      }
      assertEquals(1, executor.memberCount(), "a refused call is no member loss");
      return executor.callsSent() - before - 1;
    } finally {
      release.countDown();
    }
  }
}
