package org.pyfutures;

import java.util.Set;

/**
 * The outcome of {@link Futures#wait}: the futures that were done when it returned, and the rest.
 *
 * @param done futures that finished or were cancelled
 * @param notDone futures still pending or running
 * @param <T> the result type
 */
public record DoneAndNotDone<T>(Set<Future<T>> done, Set<Future<T>> notDone) {
  /**
   * Wraps both sets as unmodifiable views.
   *
   * @param done done futures
   * @param notDone futures not done
   */
  public DoneAndNotDone {
    done = java.util.Collections.unmodifiableSet(done);
    notDone = java.util.Collections.unmodifiableSet(notDone);
  }
}
