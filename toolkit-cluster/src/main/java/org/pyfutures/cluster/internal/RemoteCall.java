package org.pyfutures.cluster.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * What crosses to a member through Hazelcast's executor: an initializer, or one or more tasks to run in order, as
 * the pool's Kryo bytes. The answer is one encoded {@link Reply} per payload, joined by {@link Frames}.
 * {@link DataSerializable}, so Hazelcast copies only byte arrays and never uses Java serialization for it.
 */
public final class RemoteCall implements Callable<byte[]>, DataSerializable {
  private boolean initializer;
  private long pool;
  private long sequence;
  private byte[][] payloads;

  /** For Hazelcast, which creates the instance before reading it. */
  public RemoteCall() {}

  /** An initializer's call. */
  RemoteCall(byte[] initializer) {
    this.initializer = true;
    this.payloads = new byte[][] {initializer};
  }

  /** A call of one or more tasks, named by {@code id} so that the host can cancel one of them. */
  RemoteCall(CallId id, byte[][] tasks) {
    this.pool = id.pool();
    this.sequence = id.sequence();
    this.payloads = tasks;
  }

  @Override
  public byte[] call() {
    return initializer
        ? MemberSide.runInitializer(payloads[0])
        : MemberSide.runTasks(new CallId(pool, sequence), payloads);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(initializer);
    out.writeLong(pool);
    out.writeLong(sequence);
    out.writeInt(payloads.length);
    for (byte[] payload : payloads) {
      out.writeByteArray(payload);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    initializer = in.readBoolean();
    pool = in.readLong();
    sequence = in.readLong();
    payloads = new byte[in.readInt()][];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = in.readByteArray();
    }
  }
}
