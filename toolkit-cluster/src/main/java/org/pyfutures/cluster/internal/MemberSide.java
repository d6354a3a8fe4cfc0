package org.pyfutures.cluster.internal;

import java.util.concurrent.CancellationException;
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

  /**
   * Runs the tasks of call {@code id} in order and returns their joined replies. A task the host cancelled before
   * its turn is skipped; one cancelled while it runs is interrupted, and the interrupt ends with it.
   */
  static byte[] runTasks(CallId id, byte[][] tasks) {
    byte[][] replies = new byte[tasks.length][];
    Reply[] times = new Reply[tasks.length];
    Thread thread = Thread.currentThread();
    String name = thread.getName();
    int slot = WorkerSlots.acquire();
    thread.setName("pyfutures-cluster-" + slot);
    RunningCall call = RunningCalls.MEMBER.start(id);
    try {
      for (int i = 0; i < tasks.length; i++) {
        if (!call.begin(i)) {
          // A negative run time tells the host that the task never ran.
          times[i] = new Reply(null, null, 0, -1);
          replies[i] = failure(new CancellationException("cancelled before it started"), times[i]);
          continue;
        }
        Reply reply;
        try {
          reply = run(tasks[i], false);
        } finally {
          call.end();
        }
        times[i] = new Reply(null, null, reply.copyNanos(), reply.runNanos());
        replies[i] = encode(reply);
      }
    } finally {
      RunningCalls.MEMBER.end(id);
      thread.setName(name);
      WorkerSlots.release(slot);
      Thread.interrupted();
    }
    return answer(replies, times);
  }

  /** Joins a call's replies; one that would take the answer past what one call carries fails its own task. */
  private static byte[] answer(byte[][] replies, Reply[] times) {
    return Frames.join(
        replies,
        Frames.MAX_BYTES,
        i -> failure(
            new IllegalStateException(
                "the task's reply of " + replies[i].length + " bytes does not fit in its call's answer with the"
                    + " replies of the tasks ahead of it: at most " + Frames.MAX_BYTES + " bytes cross in one call"),
            times[i]));
  }

  static byte[] runInitializer(byte[] initializer) {
    Thread thread = Thread.currentThread();
    String name = thread.getName();
    int slot = WorkerSlots.acquire();
    thread.setName("pyfutures-cluster-" + slot);
    try {
      Reply reply = run(initializer, true);
      return answer(new byte[][] {encode(reply)}, new Reply[] {reply});
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
