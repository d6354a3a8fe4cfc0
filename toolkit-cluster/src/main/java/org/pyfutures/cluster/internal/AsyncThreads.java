package org.pyfutures.cluster.internal;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes Hazelcast reuse threads for its asynchronous completions on small machines. Hazelcast completes every
 * client-side future (it deserializes the response) on its default asynchronous executor, which is the common
 * fork-join pool, except when that pool has a parallelism of 1 (machines with 2 cores or fewer): then it starts a
 * new thread for every completion, that is for every task. On 2 cores that thread churn cost more CPU than
 * everything else on a task's path. Here the default executor becomes a cached pool of daemon threads, which
 * runs the same work on reused threads; nothing changes on larger machines, or if the application already
 * installed an executor service of its own.
 */
final class AsyncThreads {
  private AsyncThreads() {}

  static synchronized void reuse() {
    if (ForkJoinPool.getCommonPoolParallelism() > 1
        || ConcurrencyUtil.getDefaultAsyncExecutor() instanceof ExecutorService) {
      return;
    }
    AtomicInteger count = new AtomicInteger();
    ConcurrencyUtil.setDefaultAsyncExecutor(
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "pyfutures-hazelcast-async-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }));
  }
}
