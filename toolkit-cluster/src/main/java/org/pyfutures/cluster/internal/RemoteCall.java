package org.pyfutures.cluster.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * What crosses to a member through Hazelcast's executor: a task or an initializer as the pool's Kryo bytes.
 * {@link DataSerializable}, so Hazelcast copies only a byte array and never uses Java serialization for it.
 */
public final class RemoteCall implements Callable<byte[]>, DataSerializable {
  private boolean initializer;
  private byte[] payload;

  /** For Hazelcast, which creates the instance before reading it. */
  public RemoteCall() {}

  RemoteCall(boolean initializer, byte[] payload) {
    this.initializer = initializer;
    this.payload = payload;
  }

  @Override
  public byte[] call() {
    return initializer ? MemberSide.runInitializer(payload) : MemberSide.runTask(payload);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(initializer);
    out.writeByteArray(payload);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    initializer = in.readBoolean();
    payload = in.readByteArray();
  }
}
