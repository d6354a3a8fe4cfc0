package org.pyfutures.process;

import java.util.ArrayList;
import java.util.List;
import org.pyfutures.RemoteTraceback;

/** Assertions helpers over exception chains. */
final class Causes {
  private Causes() {}

  static List<Throwable> chain(Throwable t) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
      chain.add(c);
    }
    return chain;
  }

  static boolean mentions(Throwable t, String text) {
    return chain(t).stream().anyMatch(c -> String.valueOf(c.getMessage()).contains(text));
  }

  static RemoteTraceback remoteTraceback(Throwable t) {
    for (Throwable s : t.getSuppressed()) {
      if (s instanceof RemoteTraceback r) {
        return r;
      }
    }
    return null;
  }
}
