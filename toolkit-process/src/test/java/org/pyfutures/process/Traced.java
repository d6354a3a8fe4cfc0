package org.pyfutures.process;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.List;

/** A value that records every process that wrote or read it, when its serializer is registered. */
final class Traced {
  final List<String> hops;

  Traced(List<String> hops) {
    this.hops = hops;
  }

  static Traced traced(Traced value) {
    return value;
  }

  /** Registered only by a Kryo customizer. */
  static final class TracedSerializer extends Serializer<Traced> {
    @Override
    public void write(Kryo kryo, Output output, Traced value) {
      List<String> hops = new ArrayList<>(value.hops);
      hops.add("written in " + ProcessHandle.current().pid());
      output.writeVarInt(hops.size(), true);
      hops.forEach(output::writeString);
    }

    @Override
    public Traced read(Kryo kryo, Input input, Class<? extends Traced> type) {
      int n = input.readVarInt(true);
      List<String> hops = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        hops.add(input.readString());
      }
      hops.add("read in " + ProcessHandle.current().pid());
      return new Traced(hops);
    }
  }
}
