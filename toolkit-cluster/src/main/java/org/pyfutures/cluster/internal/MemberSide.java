package org.pyfutures.cluster.internal;

import org.pyfutures.Initializer;
import org.pyfutures.Task;
import org.pyfutures.internal.RemoteFailure;

/**
 * Runs, in a member, what the host sent: decodes it, runs it under a worker name and encodes the reply. The tasks
 * of one call run in order under one worker name, each with its own reply.
 */
final class MemberSide {
  private static final ClusterKryo KRYO = new ClusterKryo(AllowList.of(java.util.List.of()));

  private MemberSide() {}

  static byte[][] runTasks(byte[][] tasks) {
    byte[][] replies = new byte[tasks.length][];
    Thread thread = Thread.currentThread();
    String name = thread.getName();
    int slot = WorkerSlots.acquire();
    thread.setName("pyfutures-cluster-" + slot);
    try {
      for (int i = 0; i < tasks.length; i++) {
        replies[i] = encode(run(tasks[i], false));
        // An interrupt meant for this task (a cancellation) must not reach the next one, in this call or the
        // next call Hazelcast runs on this thread.
        Thread.interrupted();
      }
    } finally {
      thread.setName(name);
      WorkerSlots.release(slot);
      Thread.interrupted();
    }
    return replies;
  }

  static byte[] runInitializer(byte[] initializer) {
    Thread thread = Thread.currentThread();
    String name = thread.getName();
    int slot = WorkerSlots.acquire();
    thread.setName("pyfutures-cluster-" + slot);
    try {
      return encode(run(initializer, true));
    } finally {
      thread.setName(name);
      WorkerSlots.release(slot);
      Thread.interrupted();
    }
  }

  private static Reply run(byte[] bytes, boolean initializer) {
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
      return new Reply(value, null, read - start, System.nanoTime() - read);
    } catch (Throwable failure) {
      long now = System.nanoTime();
      return new Reply(null, RemoteFailure.capture(KRYO.kryo(), failure), read - start, now - read);
    }
  }

  /** Encodes a reply; one whose value (or exception) cannot be encoded becomes that failure, for its task only. */
  private static byte[] encode(Reply reply) {
    try {
      return KRYO.write(reply);
    } catch (RuntimeException | LinkageError | StackOverflowError notWritable) {
      try {
        return failure(notWritable, reply);
      } catch (RuntimeException | LinkageError | StackOverflowError alsoNotWritable) {
        return failure(new IllegalStateException("the task's reply could not be encoded: " + notWritable), reply);
      }
    }
  }

  private static byte[] failure(Throwable failure, Reply of) {
    return KRYO.write(new Reply(null, RemoteFailure.capture(KRYO.kryo(), failure), of.copyNanos(), of.runNanos()));
  }
}
