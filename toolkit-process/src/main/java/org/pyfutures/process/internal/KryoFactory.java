package org.pyfutures.process.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import org.pyfutures.internal.Serialization;
import org.pyfutures.process.KryoCustomizer;

/** Creates the Kryo instances of one side of a pool: the shared configuration, then the user's customizer. */
record KryoFactory(ClassLoader loader, KryoCustomizer customizer) {
  Kryo newKryo() {
    KryoCustomizer c = customizer;
    return Serialization.newKryo(loader, c == null ? null : c::customize);
  }
}
