package org.pyfutures.cluster.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
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
    this.perThread = ThreadLocal.withInitial(() -> Serialization.newKryo(loader, null));
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
