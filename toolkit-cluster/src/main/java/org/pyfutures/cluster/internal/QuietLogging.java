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

  private static final Logger CLIENT_CONNECTIONS = Logger.getLogger("com.hazelcast.client.impl.connection");

  /** Applies the quiet level once, if nobody chose one. */
  public static synchronized void apply() {
    if (HAZELCAST.getLevel() == null) {
      HAZELCAST.setLevel(Level.WARNING);
    }
  }

  /**
   * For a local cluster: also silences the client's warnings about reconnecting to a member that died, which it
   * repeats every few hundred milliseconds; the executor reports the loss itself, as a
   * {@code MemberLostException}.
   */
  public static synchronized void applyForLocalMembers() {
    apply();
    if (CLIENT_CONNECTIONS.getLevel() == null) {
      CLIENT_CONNECTIONS.setLevel(Level.SEVERE);
    }
  }
}
