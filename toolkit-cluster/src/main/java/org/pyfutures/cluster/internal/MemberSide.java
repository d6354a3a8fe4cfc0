package org.pyfutures.cluster.internal;

import org.pyfutures.Initializer;
import org.pyfutures.Task;
import org.pyfutures.internal.RemoteFailure;

/** Runs, in a member, what the host sent: decodes it, runs it under a worker name and encodes the reply. */
final class MemberSide {
  private static final ClusterKryo KRYO = new ClusterKryo(AllowList.of(java.util.List.of()));

  private MemberSide() {}

  static byte[] runTask(byte[] task) {
    return run(task, false);
  }

  static byte[] runInitializer(byte[] initializer) {
    return run(initializer, true);
  }

  private static byte[] run(byte[] bytes, boolean initializer) {
    Thread thread = Thread.currentThread();
    String name = thread.getName();
    int slot = WorkerSlots.acquire();
    thread.setName("pyfutures-cluster-" + slot);
    Reply reply;
    long start = System.nanoTime();
    long read = start;
    try {
      Object work = KRYO.read(bytes);
      read = System.nanoTime();
      Object value = null;
      if (initializer) {
        ((Initializer) work).run();
      } else {
        value = ((Task<?>) work).call();
      }
      reply = new Reply(value, null, read - start, System.nanoTime() - read);
    } catch (Throwable failure) {
      long now = System.nanoTime();
      reply = new Reply(null, RemoteFailure.capture(KRYO.kryo(), failure), read - start, now - read);
    } finally {
      thread.setName(name);
      WorkerSlots.release(slot);
      // A cancellation's interrupt must not reach the next task Hazelcast runs on this thread.
      Thread.interrupted();
    }
    try {
      return KRYO.write(reply);
    } catch (RuntimeException | LinkageError | StackOverflowError notWritable) {
      return KRYO.write(
          new Reply(null, RemoteFailure.capture(KRYO.kryo(), notWritable), reply.copyNanos(), reply.runNanos()));
    }
  }
}
