package org.pyfutures.cluster.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.JavaSerializer;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.util.MapReferenceResolver;
import org.pyfutures.internal.Serialization;

/** The pool's Kryo configuration, one instance per thread, reading only what an {@link AllowList} admits. */
public final class ClusterKryo {
  private final ThreadLocal<Kryo> perThread;

  /**
   * Creates the configuration.
   *
   * @param allowList the classes that may be read
   */
  public ClusterKryo(AllowList allowList) {
    ClassLoader loader = new AllowListLoader(ClusterKryo.class.getClassLoader(), allowList);
    this.perThread = ThreadLocal.withInitial(() -> newKryo(loader, allowList));
  }

  /**
   * {@link Serialization#newKryo}'s configuration, on a Kryo whose class resolver checks the allow-list: core's
   * factory has no way to pass a resolver, so its settings are repeated here and its lambda serializer is
   * borrowed from a Kryo it built.
   */
  private static Kryo newKryo(ClassLoader loader, AllowList allowList) {
    Serializer<?> lambdas =
        Serialization.newKryo(loader, null).getRegistration(ClosureSerializer.Closure.class).getSerializer();
    Kryo kryo = new Kryo(new AllowListResolver(allowList), new MapReferenceResolver());
    kryo.setClassLoader(loader);
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.addDefaultSerializer(Throwable.class, JavaSerializer.class);
    kryo.addDefaultSerializer(StackTraceElement.class, JavaSerializer.class);
    kryo.register(ClosureSerializer.Closure.class, lambdas);
    return kryo;
  }

  /**
   * Writes an object with its class.
   *
   * @param value the object
   * @return its bytes
   */
  public byte[] write(Object value) {
    return Serialization.toBytes(perThread.get(), value);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param bytes the bytes
   * @return the object
   */
  public Object read(byte[] bytes) {
    return Serialization.fromBytes(perThread.get(), bytes);
  }

  /** Returns this thread's Kryo, for {@link org.pyfutures.internal.RemoteFailure}. */
  Kryo kryo() {
    return perThread.get();
  }
}
