package org.pyfutures.interp.internal;

import org.pyfutures.internal.Serialization;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.util.Pool;

/**
 * The host side's Kryos, pooled JVM-wide: they resolve classes through the library's own loader, the same for
 * every interpreter pool, so one pool of them serves submitting threads and workers of all interpreter pools.
 */
final class HostKryos {
  private static final int MAX_IDLE = 32;

  static final ClassLoader HOST = HostKryos.class.getClassLoader();

  private static final Pool<Kryo> POOL =
      new Pool<>(true, false, MAX_IDLE) {
        @Override
        protected Kryo create() {
          return Serialization.newKryo(HOST, null);
        }
      };

  private HostKryos() {}

  /** Takes a host Kryo for the calling thread's exclusive use until {@link #release}. */
  static Kryo obtain() {
    return POOL.obtain();
  }

  static void release(Kryo kryo) {
    POOL.free(kryo);
  }
}
