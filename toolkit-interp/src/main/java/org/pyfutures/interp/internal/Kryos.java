package org.pyfutures.interp.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import org.pyfutures.internal.Serialization;

/** Creates the Kryos of both sides of the interpreter boundary: the shared configuration plus fast lambdas. */
final class Kryos {
  private Kryos() {}

  /** Returns a Kryo that resolves classes through {@code loader}; use it from one thread. */
  static Kryo newKryo(ClassLoader loader) {
    return Serialization.newKryo(loader, LambdaSerializer::install);
  }
}
