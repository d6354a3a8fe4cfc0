package org.pyfutures.interp.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyfutures.Initializer;
import org.pyfutures.Task;
import org.pyfutures.internal.RemoteFailure;
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

  private final int id;
  private InterpreterLoader loader;
  private Kryo kryo;

  private Interpreter(int id, InterpreterLoader loader) {
    this.id = id;
    this.loader = loader;
    this.kryo = Serialization.newKryo(loader, null);
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
   * Reads a {@link Task} or an {@link Initializer} into this interpreter, runs it with this interpreter's loader as
   * the thread's context class loader, and writes back its result; whatever fails on the way is captured.
   */
  Outcome call(byte[] work) {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Object task;
      try {
        task = read(work);
      } catch (Throwable t) {
        return failedInKryo(t);
      }
      Object result;
      try {
        result = run(task);
      } catch (Throwable t) {
        return failed(t);
      }
      try {
        return new Outcome(Serialization.toBytes(kryo, result), null);
      } catch (Throwable t) {
        return failedInKryo(t);
      }
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  /** A Kryo that threw may keep state from the failed call (Kryo #1283): the next call gets a fresh one. */
  private Outcome failedInKryo(Throwable t) {
    kryo = Serialization.newKryo(loader, null);
    return failed(t);
  }

  private Outcome failed(Throwable t) {
    RemoteFailure failure = RemoteFailure.capture(kryo, t);
    if (failure.exception() == null) {
      kryo = Serialization.newKryo(loader, null);
    }
    return new Outcome(null, failure);
  }

  private Object read(byte[] work) {
    loader.beginRead();
    try {
      return Serialization.fromBytes(kryo, work);
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

  private static Object run(Object work) throws Exception {
    if (work instanceof Initializer initializer) {
      initializer.run();
      return null;
    }
    return ((Task<?>) work).call();
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

  /**
   * What came out of a call: the result written by the interpreter's Kryo, or the captured failure.
   *
   * @param result the result's bytes, or null if it failed
   * @param failure the failure, or null if it returned
   */
  record Outcome(byte[] result, RemoteFailure failure) {}
}
