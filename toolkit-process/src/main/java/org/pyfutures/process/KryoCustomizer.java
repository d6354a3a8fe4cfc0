package org.pyfutures.process;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.Serializable;

/**
 * Configures the Kryo instances that copy tasks, arguments, results and exceptions between a
 * {@link ProcessPoolExecutor} and its workers, for example to register classes or serializers.
 *
 * <p>The customizer is itself serialized and sent to every worker, and runs on every Kryo instance on both sides,
 * last, after the pool's own configuration; so it must be a serializable lambda, method reference or class, and
 * must configure the same way every time. It runs once for each Kryo instance the pool creates, in whatever thread
 * creates it.
 */
@FunctionalInterface
public interface KryoCustomizer extends Serializable {
  /**
   * Configures one Kryo instance.
   *
   * @param kryo the instance, already configured by the pool
   */
  void customize(Kryo kryo);
}
