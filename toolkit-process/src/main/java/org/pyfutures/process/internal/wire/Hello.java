package org.pyfutures.process.internal.wire;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.pyfutures.Initializer;
import org.pyfutures.internal.Serialization;
import org.pyfutures.process.KryoCustomizer;

/**
 * The first frame a worker reads: how to configure Kryo, what to run before the first task, the worker's memory
 * limit, and how to share memory with the pool.
 *
 * <p>The customizer is encoded with the unconfigured Kryo, since the worker has no other before it reads it; the
 * initializer with the configured one. Payload: {@code long maxWorkerMemory, int n, n bytes of customizer, int s,
 * s bytes of shared-memory configuration (UTF-8, empty for none; see {@code SharedMemory.workerConfig}),
 * initializer bytes}. A missing customizer or initializer takes no bytes, so that a worker with neither builds one
 * Kryo before its first task rather than two.
 */
public final class Hello {
  private static final int CUSTOMIZER_AT = 12;

  private Hello() {}

  /**
   * Encodes the payload in the pool; fails here, at construction, if either object cannot be serialized.
   *
   * @param loader resolves classes
   * @param customizer the Kryo customizer, or null
   * @param initializer the initializer, or null
   * @param maxWorkerMemory the resident memory after which a worker retires, or 0 for no limit
   * @return the payload
   * @throws RuntimeException from Kryo if either cannot be serialized
   */
  public static byte[] encode(
      ClassLoader loader, KryoCustomizer customizer, Initializer initializer, long maxWorkerMemory) {
    return encode(loader, customizer, initializer, maxWorkerMemory, "");
  }

  /**
   * Encodes the payload in the pool, with the configuration of its shared memory.
   *
   * @param sharedMemory what the worker needs to share memory with the pool, or empty
   * @see #encode(ClassLoader, KryoCustomizer, Initializer, long)
   */
  public static byte[] encode(
      ClassLoader loader, KryoCustomizer customizer, Initializer initializer, long maxWorkerMemory,
      String sharedMemory) {
    byte[] c =
        customizer == null ? new byte[0] : Serialization.toBytes(Serialization.newKryo(loader, null), customizer);
    byte[] s = sharedMemory.getBytes(StandardCharsets.UTF_8);
    byte[] i =
        initializer == null
            ? new byte[0]
            : Serialization.toBytes(new KryoFactory(loader, customizer).newKryo(), initializer);
    byte[] payload = new byte[CUSTOMIZER_AT + c.length + 4 + s.length + i.length];
    Frame.putLong(payload, 0, maxWorkerMemory);
    Frame.putInt(payload, 8, c.length);
    System.arraycopy(c, 0, payload, CUSTOMIZER_AT, c.length);
    Frame.putInt(payload, CUSTOMIZER_AT + c.length, s.length);
    System.arraycopy(s, 0, payload, CUSTOMIZER_AT + c.length + 4, s.length);
    System.arraycopy(i, 0, payload, CUSTOMIZER_AT + c.length + 4 + s.length, i.length);
    return payload;
  }

  /**
   * Reads the shared-memory configuration.
   *
   * @param payload the payload
   * @return what {@code SharedMemory.forWorker} takes, empty for none
   */
  public static String sharedMemory(byte[] payload) {
    int at = CUSTOMIZER_AT + Frame.getInt(payload, 8);
    return new String(payload, at + 4, Frame.getInt(payload, at), StandardCharsets.UTF_8);
  }

  /**
   * Reads the memory limit.
   *
   * @param payload the payload
   * @return bytes, or 0 for no limit
   */
  public static long maxWorkerMemory(byte[] payload) {
    return Frame.getLong(payload, 0);
  }

  /**
   * Reads the customizer with an unconfigured Kryo.
   *
   * @param payload the payload
   * @param loader resolves classes
   * @return the customizer, or null
   */
  public static KryoCustomizer customizer(byte[] payload, ClassLoader loader) {
    int n = Frame.getInt(payload, 8);
    if (n == 0) {
      return null;
    }
    byte[] bytes = Arrays.copyOfRange(payload, CUSTOMIZER_AT, CUSTOMIZER_AT + n);
    return (KryoCustomizer) Serialization.fromBytes(Serialization.newKryo(loader, null), bytes);
  }

  /**
   * Reads the initializer with the configured Kryo.
   *
   * @param payload the payload
   * @param kryo configured with the customizer
   * @return the initializer, or null
   */
  public static Initializer initializer(byte[] payload, Kryo kryo) {
    int at = CUSTOMIZER_AT + Frame.getInt(payload, 8);
    at += 4 + Frame.getInt(payload, at);
    if (at == payload.length) {
      return null;
    }
    return (Initializer) Serialization.fromBytes(kryo, Arrays.copyOfRange(payload, at, payload.length));
  }
}
