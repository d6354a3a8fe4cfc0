package org.pyfutures.interp.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyfutures.internal.CopiedCall;
import org.pyfutures.internal.RemoteFailure;
import org.pyfutures.internal.RenewingKryo;
import org.pyfutures.internal.Serialization;

/**
 * One isolated interpreter: its own class loader and the Kryo that reads and writes objects of its classes.
 *
 * <p>Only bytes and {@link RemoteFailure}s cross its boundary, so no object of its classes escapes to the host.
 * Used by one worker thread at a time; not thread-safe.
 */
final class Interpreter implements AutoCloseable {
  /** Interpreter ids count from 1 in each JVM; 0 would be the host, as CPython's main interpreter. */
  private static final AtomicInteger IDS = new AtomicInteger(1);
  private static final Runnable NOTHING_AFTER_WORK = () -> {};

  private final int id;
  private InterpreterLoader loader;
  private RenewingKryo kryo;

  private Interpreter(int id, InterpreterLoader loader) {
    this.id = id;
    this.loader = loader;
    this.kryo = new RenewingKryo(() -> Serialization.newKryo(loader, null));
  }

  static int nextId() {
    return IDS.getAndIncrement();
  }

  /** Creates interpreter {@code id} over {@code classPath}; no application class is loaded yet. */
  static Interpreter create(int id, List<URL> classPath, ClassLoader host, SharedPackages shared) {
    URL[] urls = classPath.toArray(URL[]::new);
    return new Interpreter(id, new InterpreterLoader("interpreter-" + id, urls, host, shared));
  }

  /** Where tasks run, as named in a {@link org.pyfutures.RemoteTraceback}. */
  String where() {
    return "interpreter " + id;
  }

  /**
   * Reads a {@link org.pyfutures.Task} or an {@link org.pyfutures.Initializer} into this interpreter, runs it with
   * this interpreter's loader as the thread's context class loader, and writes back its result, as
   * {@link CopiedCall#run} does: whatever fails on the way is captured.
   */
  CopiedCall.Outcome<byte[]> call(byte[] work) {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return CopiedCall.run(kryo, k -> read(k, work), Serialization::toBytes, NOTHING_AFTER_WORK);
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  private Object read(Kryo k, byte[] work) {
    loader.beginRead();
    try {
      return Serialization.fromBytes(k, work);
    } catch (RuntimeException | LinkageError e) {
      TypeNotPresentException missing = MissingClasses.find(e);
      if (missing != null) {
        throw missing;
      }
      throw e;
    } finally {
      loader.endRead();
    }
  }

  /** Drops the Kryo and closes the loader, so that the interpreter's classes can be unloaded. */
  @Override
  public void close() {
    kryo = null;
    InterpreterLoader closing = loader;
    loader = null;
    if (closing != null) {
      try {
        closing.close();
      } catch (IOException e) {
        System.getLogger("org.pyfutures").log(System.Logger.Level.WARNING, "Closing " + closing.getName(), e);
      }
    }
  }
}
