package org.pyfutures.interp.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class loader of one interpreter: child-first over the interpreter's class path, so every application class
 * it loads is its own copy, with its own statics and monitors.
 *
 * <p>Order for a class: the JDK's own packages from the JDK (they may not be redefined); {@linkplain SharedPackages
 * shared packages} from the host loader; everything else from this loader's class path. Nothing falls back to
 * the host: a class missing from the interpreter's class path is missing, not silently shared.
 * Resources are looked up child-first, then in the JDK.
 */
final class InterpreterLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
  private static final StackWalker WALKER = StackWalker.getInstance();
  /** Package name → loader for every package of a JDK module in the boot layer. */
  private static final Map<String, ClassLoader> JDK_PACKAGES = jdkPackages();

  private final ClassLoader host;
  private final SharedPackages shared;
  /**
   * The thread reading an object into this interpreter, if any. When this loader throws
   * {@link ClassNotFoundException} to Kryo, Kryo retries with its own loader and its Java-serialization stream with
   * the caller's, both the host's: a missing class would silently become the host's copy. So while reading, a class
   * that Kryo itself asks for and that is missing is a {@link NoClassDefFoundError}, which neither catches. Code
   * that runs during the read (a static initializer probing for an optional class) still gets the exception.
   */
  private volatile Thread reader;

  InterpreterLoader(String name, URL[] classPath, ClassLoader host, SharedPackages shared) {
    super(name, classPath, PLATFORM);
    this.host = host;
    this.shared = shared;
  }

  private static Map<String, ClassLoader> jdkPackages() {
    Map<String, ClassLoader> packages = new HashMap<>();
    for (Module module : ModuleLayer.boot().modules()) {
      ClassLoader loader = module.getClassLoader();
      boolean jdk = loader == null || loader == PLATFORM || isJdkModuleName(module.getName());
      if (jdk) {
        ClassLoader via = loader == null ? PLATFORM : loader;
        module.getPackages().forEach(p -> packages.put(p, via));
      }
    }
    return Map.copyOf(packages);
  }

  private static boolean isJdkModuleName(String name) {
    return name.startsWith("java.") || name.startsWith("jdk.");
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = locate(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private Class<?> locate(String name) throws ClassNotFoundException {
    int dot = name.lastIndexOf('.');
    ClassLoader jdk = dot < 0 ? null : JDK_PACKAGES.get(name.substring(0, dot));
    if (jdk != null) {
      return jdk.loadClass(name);
    }
    if (shared.isShared(name)) {
      return host.loadClass(name);
    }
    try {
      return findClass(name);
    } catch (ClassNotFoundException notOnClassPath) {
      ClassNotFoundException missing =
          new ClassNotFoundException(name + " is not on the class path of " + getName());
      if (reader == Thread.currentThread() && requestedByKryo()) {
        throw (NoClassDefFoundError) new NoClassDefFoundError(name.replace('.', '/')).initCause(missing);
      }
      throw missing;
    }
  }

  /** Returns whether the nearest caller outside the JDK and this loader is Kryo. */
  private static boolean requestedByKryo() {
    return WALKER.walk(
        frames ->
            frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> !isJdkOrLoader(name))
                .findFirst()
                .map(name -> name.startsWith(SharedPackages.KRYO))
                .orElse(false));
  }

  private static boolean isJdkOrLoader(String className) {
    return className.startsWith("java.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.equals(InterpreterLoader.class.getName());
  }

  /** Makes a missing class that Kryo asks for an error no fallback catches, in this thread, until {@link #endRead()}. */
  void beginRead() {
    reader = Thread.currentThread();
  }

  void endRead() {
    reader = null;
  }

  @Override
  public URL getResource(String name) {
    URL url = findResource(name);
    return url != null ? url : PLATFORM.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
    urls.addAll(Collections.list(PLATFORM.getResources(name)));
    return Collections.enumeration(urls);
  }
}
