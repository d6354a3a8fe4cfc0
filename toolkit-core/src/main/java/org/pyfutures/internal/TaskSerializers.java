package org.pyfutures.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pyfutures.TaskBiFunction;
import org.pyfutures.TaskFunction;

/**
 * Registers the task adapters of {@link Tasks}, which cross with every task, with serializers that write their
 * components in order and call the canonical constructor directly. Registered, a class crosses as a small number
 * rather than its name; and Kryo's own record serializer reaches components and constructors reflectively.
 */
final class TaskSerializers {
  private TaskSerializers() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void register(Kryo kryo) {
    kryo.register(Tasks.Apply.class, new Components<Tasks.Apply>(
        t -> new Object[] {t.fn(), t.arg()}, c -> new Tasks.Apply((TaskFunction) c[0], c[1]), 2));
    kryo.register(Tasks.ApplyBoth.class, new Components<Tasks.ApplyBoth>(
        t -> new Object[] {t.fn(), t.a(), t.b()},
        c -> new Tasks.ApplyBoth((TaskBiFunction) c[0], c[1], c[2]), 3));
    kryo.register(Tasks.OfCallable.class, new Components<Tasks.OfCallable>(
        t -> new Object[] {t.callable()}, c -> new Tasks.OfCallable((Callable) c[0]), 1));
    kryo.register(Tasks.OfRunnable.class, new Components<Tasks.OfRunnable>(
        t -> new Object[] {t.runnable(), t.result()}, c -> new Tasks.OfRunnable((Runnable) c[0], c[1]), 2));
    kryo.register(Tasks.Chunk.class, new Components<Tasks.Chunk>(
        t -> new Object[] {t.fn(), t.args()}, c -> new Tasks.Chunk((TaskFunction) c[0], (List) c[1]), 2));
    kryo.register(Tasks.Pair.class, new Components<Tasks.Pair>(
        t -> new Object[] {t.a(), t.b()}, c -> new Tasks.Pair(c[0], c[1]), 2));
    kryo.register(Tasks.Unpair.class, new Components<Tasks.Unpair>(
        t -> new Object[] {t.fn()}, c -> new Tasks.Unpair((TaskBiFunction) c[0]), 1));
  }

  /** A record as its components, each written with its class. */
  private static final class Components<T> extends Serializer<T> {
    private final Function<T, Object[]> parts;
    private final Function<Object[], T> build;
    private final int count;

    Components(Function<T, Object[]> parts, Function<Object[], T> build, int count) {
      super(false, true);
      this.parts = parts;
      this.build = build;
      this.count = count;
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
      for (Object part : parts.apply(record)) {
        kryo.writeClassAndObject(output, part);
      }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
      Object[] read = new Object[count];
      for (int i = 0; i < count; i++) {
        read[i] = kryo.readClassAndObject(input);
      }
      return build.apply(read);
    }
  }
}
