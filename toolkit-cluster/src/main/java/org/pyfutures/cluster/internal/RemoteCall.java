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
  private byte[][] payloads;

  /** For Hazelcast, which creates the instance before reading it. */
  public RemoteCall() {}

  RemoteCall(boolean initializer, byte[]... payloads) {
    this.initializer = initializer;
    this.payloads = payloads;
  }

  @Override
  public byte[] call() {
    return Frames.join(
        initializer ? new byte[][] {MemberSide.runInitializer(payloads[0])} : MemberSide.runTasks(payloads));
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(initializer);
    out.writeInt(payloads.length);
    for (byte[] payload : payloads) {
      out.writeByteArray(payload);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    initializer = in.readBoolean();
    payloads = new byte[in.readInt()][];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = in.readByteArray();
    }
  }
}
