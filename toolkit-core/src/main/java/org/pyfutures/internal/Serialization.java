package org.pyfutures.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.JavaSerializer;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.util.Util;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one Kryo configuration every copying pool uses, on both sides of its boundary, so that what one side
 * writes the other can read.
 *
 * <p>Like pickle: any class may be written without registration, shared references and cycles are kept. Two
 * kinds of object go through Java serialization inside the Kryo stream, because Kryo's field access to them
 * needs {@code --add-opens} on JDK 17+: exceptions, which keep type, message, cause and stack trace. A
 * serializable lambda is written by {@link LambdaSerializer} as its {@code SerializedLambda} description plus its
 * captured values (written by Kryo like any other value) and rebuilt through the Kryo's class loader, so a lambda
 * crosses into an isolated loader with no JVM flags. The task adapters of {@link Tasks}, which cross with every
 * task, are registered (see {@code TaskSerializers}); a customizer's implicit registrations therefore get the same
 * numbers on both sides, as before.
 *
 * <p>A Kryo instance is not thread-safe, and caches classes by name: use one per thread and per class loader.
 *
 * <p>Kryo runs without {@code sun.misc.Unsafe} unless the application sets {@code -Dkryo.unsafe=true}: on JDK 24+
 * its first use prints a warning on the host's stderr.
 */
public final class Serialization {
  private static final String KRYO_UNSAFE = "kryo.unsafe";

  static {
    initializeKryoWithoutUnsafe();
  }

  private Serialization() {}

  /**
   * Kryo reads {@code kryo.unsafe} once, when its {@code Util} class initializes. The property is set only for
   * that moment, so the application's own settings, and any other Kryo in the JVM, are left as they were.
   */
  private static void initializeKryoWithoutUnsafe() {
    if (System.getProperty(KRYO_UNSAFE) != null) {
      return;
    }
    System.setProperty(KRYO_UNSAFE, "false");
    try {
      if (Util.unsafe) { // reading the field initializes Util, while the property is set
        System.getLogger("org.pyfutures").log(System.Logger.Level.DEBUG, "Kryo was initialized earlier, with Unsafe");
      }
    } finally {
      System.clearProperty(KRYO_UNSAFE);
    }
  }

  /**
   * Creates a Kryo configured for copying tasks, arguments, results and exceptions.
   *
   * @param loader the class loader that resolves class names when reading
   * @param customizer user configuration (for example registrations) applied last, identically on both sides;
   *     may be null
   * @return a new Kryo
   */
  public static Kryo newKryo(ClassLoader loader, Consumer<? super Kryo> customizer) {
    Objects.requireNonNull(loader, "loader");
    Kryo kryo = new Kryo();
    kryo.setClassLoader(loader);
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.addDefaultSerializer(Throwable.class, JavaSerializer.class);
    kryo.addDefaultSerializer(StackTraceElement.class, JavaSerializer.class);
    kryo.register(ClosureSerializer.Closure.class, new LambdaSerializer());
    TaskSerializers.register(kryo);
    if (customizer != null) {
      customizer.accept(kryo);
    }
    return kryo;
  }

  /**
   * Writes an object, with its class, to a new byte array.
   *
   * @param kryo the Kryo to write with
   * @param value the object, possibly null
   * @return the bytes
   * @throws com.esotericsoftware.kryo.kryo5.KryoException if the object cannot be written
   */
  public static byte[] toBytes(Kryo kryo, Object value) {
    Output output = new Output(256, -1);
    try {
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } finally {
      kryo.reset();
    }
  }

  /**
   * Reads an object written by {@link #toBytes}.
   *
   * @param kryo the Kryo to read with
   * @param bytes the bytes
   * @return the object
   * @throws com.esotericsoftware.kryo.kryo5.KryoException if the bytes cannot be read, for example because a
   *     class is missing
   */
  public static Object fromBytes(Kryo kryo, byte[] bytes) {
    try {
      return kryo.readClassAndObject(new Input(bytes));
    } finally {
      kryo.reset();
    }
  }
}
