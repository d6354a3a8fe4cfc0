package org.pyfutures.process.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.serializers.ClosureSerializer;
import org.pyfutures.internal.Serialization;
import org.pyfutures.process.KryoCustomizer;

/**
 * Creates the Kryo instances of one side of a pool: the shared configuration, then the process pool's faster
 * lambdas, then the user's customizer. Both sides build theirs here, so they always agree.
 */
record KryoFactory(ClassLoader loader, KryoCustomizer customizer) {
  Kryo newKryo() {
    KryoCustomizer c = customizer;
    return Serialization.newKryo(
        loader,
        kryo -> {
          kryo.register(ClosureSerializer.Closure.class, new LambdaSerializer());
          if (c != null) {
            c.customize(kryo);
          }
        });
  }
}
