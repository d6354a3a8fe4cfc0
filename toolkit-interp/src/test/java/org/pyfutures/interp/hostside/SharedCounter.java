package org.pyfutures.interp.hostside;

import java.util.concurrent.atomic.AtomicInteger;

/** A static counter that tests share with their interpreters, so all of them count on the host's copy. */
public final class SharedCounter {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private SharedCounter() {}

  public static int increment() {
    return COUNT.incrementAndGet();
  }

  public static int get() {
    return COUNT.get();
  }
}
