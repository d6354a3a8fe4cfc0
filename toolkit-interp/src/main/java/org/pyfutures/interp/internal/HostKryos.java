package org.pyfutures.interp.internal;

import org.pyfutures.internal.Serialization;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.util.Pool;
import java.util.function.Function;

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

  /** Takes a host Kryo for the calling thread's exclusive use until {@link #release}, or until dropped. */
  static Kryo obtain() {
    return POOL.obtain();
  }

  static void release(Kryo kryo) {
    POOL.free(kryo);
  }

  /**
   * Applies {@code use} to a pooled host Kryo. A Kryo whose use threw is dropped rather than pooled again: it may
   * keep state from the failed call (Kryo #1283).
   */
  static <T> T with(Function<Kryo, T> use) {
    Kryo kryo = POOL.obtain();
    T result = use.apply(kryo);
    POOL.free(kryo);
    return result;
  }
}
