package org.pyfutures.process.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import org.pyfutures.Initializer;
import org.pyfutures.internal.Serialization;
import org.pyfutures.process.KryoCustomizer;

/**
 * The first frame a worker reads: how to configure Kryo, and what to run before the first task.
 *
 * <p>The customizer is encoded with the unconfigured Kryo, since the worker has no other before it reads it; the
 * initializer with the configured one. Payload: {@code int n, n bytes of customizer, initializer bytes}.
 */
final class Hello {
  private Hello() {}

  /**
   * Encodes the payload in the pool; fails here, at construction, if either object cannot be serialized.
   *
   * @throws RuntimeException from Kryo if either cannot be serialized
   */
  static byte[] encode(ClassLoader loader, KryoCustomizer customizer, Initializer initializer) {
    byte[] c = Serialization.toBytes(Serialization.newKryo(loader, null), customizer);
    byte[] i = Serialization.toBytes(new KryoFactory(loader, customizer).newKryo(), initializer);
    byte[] payload = new byte[4 + c.length + i.length];
    payload[0] = (byte) (c.length >>> 24);
    payload[1] = (byte) (c.length >>> 16);
    payload[2] = (byte) (c.length >>> 8);
    payload[3] = (byte) c.length;
    System.arraycopy(c, 0, payload, 4, c.length);
    System.arraycopy(i, 0, payload, 4 + c.length, i.length);
    return payload;
  }

  static KryoCustomizer customizer(byte[] payload, ClassLoader loader) {
    int n = Frame.getInt(payload, 0);
    return (KryoCustomizer) Serialization.fromBytes(Serialization.newKryo(loader, null), slice(payload, 4, n));
  }

  static Initializer initializer(byte[] payload, Kryo kryo) {
    int n = Frame.getInt(payload, 0);
    return (Initializer) Serialization.fromBytes(kryo, slice(payload, 4 + n, payload.length - 4 - n));
  }

  private static byte[] slice(byte[] b, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(b, from, out, 0, length);
    return out;
  }
}
