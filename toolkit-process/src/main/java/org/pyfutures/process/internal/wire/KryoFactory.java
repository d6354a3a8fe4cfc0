package org.pyfutures.process.internal.wire;

import com.esotericsoftware.kryo.kryo5.Kryo;
import org.pyfutures.internal.Serialization;
import org.pyfutures.process.KryoCustomizer;

/**
 * Creates the Kryo instances of one side of a pool: the shared configuration, then the user's customizer. Both
 * sides build theirs here, so they always agree.
 */
public record KryoFactory(ClassLoader loader, KryoCustomizer customizer) {
  /**
   * Creates a Kryo with the pool configuration and the customizer.
   *
   * @return a new Kryo
   */
  public Kryo newKryo() {
    return Serialization.newKryo(loader, customizer == null ? null : customizer::customize);
  }
}
