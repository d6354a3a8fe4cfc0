package org.pyfutures.cluster.internal;

/**
 * The class loader Kryo resolves class names through on this boundary: it delegates to the application's loader
 * only the classes its {@link AllowList} admits. Kryo looks up every class named in a stream through it, and so
 * does its Java-serialization fallback (used for exceptions), so nothing else can be instantiated by reading.
 */
final class AllowListLoader extends ClassLoader {
  private final AllowList allowList;

  AllowListLoader(ClassLoader parent, AllowList allowList) {
    super("pyfutures-cluster-allow-list", parent);
    this.allowList = allowList;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!allowList.permits(name)) {
      throw new ClassNotFoundException(
          name
              + " is not on the cluster's class allow-list; add it with ClusterExecutor.Builder.allowClasses on"
              + " the host and -D"
              + AllowList.PROPERTY
              + " on every member");
    }
    return super.loadClass(name, resolve);
  }
}
