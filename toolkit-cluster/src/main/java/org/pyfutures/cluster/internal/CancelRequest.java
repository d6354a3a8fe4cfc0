package org.pyfutures.cluster.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;

/**
 * A control request to a member: cancel one task of a call there, for {@code cancel(true)} of a task that shares
 * its call with others. It goes through an executor of its own name ({@link #EXECUTOR}), so that it never queues
 * behind the task threads, which may all be blocked.
 */
public final class CancelRequest implements Runnable, DataSerializable {
  /** The Hazelcast executor that runs control requests on members. */
  static final String EXECUTOR = "pyfutures-control";

  private long pool;
  private long sequence;
  private int index;

  /** For Hazelcast, which creates the instance before reading it. */
  public CancelRequest() {}

  CancelRequest(CallId call, int index) {
    this.pool = call.pool();
    this.sequence = call.sequence();
    this.index = index;
  }

  @Override
  public void run() {
    RunningCalls.MEMBER.cancel(new CallId(pool, sequence), index);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(pool);
    out.writeLong(sequence);
    out.writeInt(index);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    pool = in.readLong();
    sequence = in.readLong();
    index = in.readInt();
  }
}
