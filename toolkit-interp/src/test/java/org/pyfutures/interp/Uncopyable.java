package org.pyfutures.interp;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;

/** A value that no copy can be made of: writing it always fails. */
final class Uncopyable implements KryoSerializable {
  @Override
  public void write(Kryo kryo, Output output) {
    throw new IllegalStateException("Uncopyable cannot be written");
  }

  @Override
  public void read(Kryo kryo, Input input) {}
}
