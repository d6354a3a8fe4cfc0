package org.pyfutures.interp.hostside;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a task hand its interpreter's class loader to the test without keeping it alive. Tests share this package
 * with their interpreters, so this class and its statics are the host's.
 */
public final class LoaderProbe {
  private static final List<WeakReference<ClassLoader>> SEEN = new ArrayList<>();
  private static final List<String> NAMES = new ArrayList<>();
  private static final List<ClassLoader> KEPT = new ArrayList<>();

  private LoaderProbe() {}

  /** Records, weakly, the loader of the calling interpreter (its context class loader). */
  public static synchronized void recordCurrent() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    SEEN.add(new WeakReference<>(loader));
    NAMES.add(loader.getName());
  }

  /** Keeps the loader of the calling interpreter strongly, until {@link #drainKept()}. */
  public static synchronized void keepCurrent() {
    KEPT.add(Thread.currentThread().getContextClassLoader());
  }

  /** Returns the loaders kept so far, and forgets them. */
  public static synchronized List<ClassLoader> drainKept() {
    List<ClassLoader> kept = List.copyOf(KEPT);
    KEPT.clear();
    return kept;
  }

  /** Returns the names of the loaders recorded so far, and forgets them. */
  public static synchronized List<String> drainNames() {
    List<String> names = List.copyOf(NAMES);
    NAMES.clear();
    return names;
  }

  /** Returns the weak references recorded so far, and forgets them. */
  public static synchronized List<WeakReference<ClassLoader>> drainReferences() {
    List<WeakReference<ClassLoader>> refs = new ArrayList<>(SEEN);
    SEEN.clear();
    return refs;
  }
}
