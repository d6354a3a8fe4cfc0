package org.pyfutures.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One side's Kryo for a stream of copies, replaced by a fresh one after any use that threw: a Kryo that threw may
 * keep state from the failed call (Kryo issue 1283), which would corrupt the next copy. Not thread-safe.
 */
public final class RenewingKryo {
  /** A use of the Kryo. */
  @FunctionalInterface
  public interface Use<T, X extends Exception> {
    /** Uses {@code kryo}. */
    T apply(Kryo kryo) throws X;
  }

  private final Supplier<Kryo> factory;
  private Kryo kryo;

  /**
   * Creates the holder and its first Kryo.
   *
   * @param factory makes each Kryo
   */
  public RenewingKryo(Supplier<Kryo> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.kryo = factory.get();
  }

  /**
   * Applies {@code use} to the current Kryo; if it throws, the Kryo is replaced and the exception rethrown.
   *
   * @param use what to do
   * @return what {@code use} returned
   * @throws X what {@code use} threw
   */
  public <T, X extends Exception> T use(Use<T, X> use) throws X {
    boolean completed = false;
    try {
      T value = use.apply(kryo);
      completed = true;
      return value;
    } finally {
      if (!completed) {
        renew();
      }
    }
  }

  /**
   * Returns the current Kryo, for a use that reports failure otherwise than by throwing; call {@link #renew()}
   * after such a failure.
   *
   * @return the Kryo
   */
  public Kryo current() {
    return kryo;
  }

  /** Replaces the current Kryo with a fresh one. */
  public void renew() {
    kryo = factory.get();
  }
}
