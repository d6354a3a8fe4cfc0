package org.pyfutures.cluster.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Hazelcast's own logging (through {@code java.util.logging}, its default) to warnings and worse, unless
 * the application configured a level for {@code com.hazelcast} itself: its start-up banners and membership
 * tables are not the host's business.
 */
public final class QuietLogging {
  // Held so that the configured level outlives garbage collection of the JUL logger.
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");

  private QuietLogging() {}

  /** Applies the quiet level once, if nobody chose one. */
  public static synchronized void apply() {
    if (HAZELCAST.getLevel() == null) {
      HAZELCAST.setLevel(Level.WARNING);
    }
  }
}
