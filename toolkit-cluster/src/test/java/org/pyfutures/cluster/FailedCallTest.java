package org.pyfutures.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
  private static final CountDownLatch BLOCKER_STARTED = new CountDownLatch(1);
  private static final CountDownLatch RELEASE_BLOCKERS = new CountDownLatch(1);

  /** Holds the member's one executor thread until the test lets it go. */
  static final class Blocker implements Runnable, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void run() {
      BLOCKER_STARTED.countDown();
      try {
        RELEASE_BLOCKERS.await(60, TimeUnit.SECONDS);
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
      TASK_ZERO_RAN.drainPermits();
      List<Future<Integer>> batch = new ArrayList<>();
      long before;
      try (StalledReplies stalled = new StalledReplies(executor)) {
        before = executor.callsSent();
        executor.submit(FailedCallTest::taskZero);
        assertTrue(TASK_ZERO_RAN.tryAcquire(30, TimeUnit.SECONDS));
        for (int i = 1; i <= 3; i++) {
          batch.add(executor.submit((Integer x) -> x, i));
        }
        // The member's one executor thread and its queue's one place are taken: it refuses the next call.
        IExecutorService service = member.getExecutorService("pyfutures");
        service.executeOnMember(new Blocker(), member.getCluster().getLocalMember());
        assertTrue(BLOCKER_STARTED.await(30, TimeUnit.SECONDS));
        service.executeOnMember(new Blocker(), member.getCluster().getLocalMember());
      }
      List<Throwable> failures = new ArrayList<>();
      for (Future<Integer> f : batch) {
        failures.add(f.exception(WAIT));
      }
      RELEASE_BLOCKERS.countDown();
      assertEquals(2, executor.callsSent() - before, "the three queued tasks travel in one call");
      Throwable cause = failures.get(0).getCause();
      assertInstanceOf(RejectedExecutionException.class, cause, String.valueOf(failures.get(0)));
      for (int i = 0; i < failures.size(); i++) {
        assertInstanceOf(IllegalStateException.class, failures.get(i));
        assertSame(cause, failures.get(i).getCause());
        for (int j = 0; j < i; j++) {
          assertNotSame(failures.get(j), failures.get(i));
        }
      }
      assertEquals(1, executor.memberCount(), "a refused call is no member loss");
    } finally {
      RELEASE_BLOCKERS.countDown();
      member.shutdown();
    }
  }
}
