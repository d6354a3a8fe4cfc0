package org.pyfutures.interp.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.Task;
import org.pyfutures.internal.Serialization;
import org.pyfutures.internal.WorkerContext;

/**
 * The context of one worker thread of an interpreter pool: it creates the worker's interpreter, runs the
 * initializer in it, passes each task's bytes in and reads the result or exception back into host objects.
 */
final class InterpreterContext implements WorkerContext {
  private final InterpreterContexts pool;
  private final int id;
  private Interpreter interpreter;
  private Kryo hostKryo;

  InterpreterContext(InterpreterContexts pool, int id) {
    this.pool = pool;
    this.id = id;
  }

  @Override
  public void initialize() throws Exception {
    hostKryo = HostKryos.obtain();
    interpreter = pool.newInterpreter(id);
    byte[] initializer = pool.initializer();
    if (initializer == null) {
      return;
    }
    try {
      unwrap(interpreter.call(initializer));
    } catch (Throwable failed) {
      // The pool never closes a context whose initialize() failed.
      close();
      throw failed;
    }
  }

  @Override
  public <R> R run(Task<R> task) throws Exception {
    return unwrap(interpreter.call(((CopiedTask<R>) task).bytes()));
  }

  @SuppressWarnings("unchecked")
  private <R> R unwrap(Interpreter.Outcome outcome) throws Exception {
    if (outcome.failure() != null) {
      Throwable restored = outcome.failure().restore(hostKryo, interpreter.where());
      if (restored instanceof ExecutionFailedException && outcome.failure().exception() != null) {
        // Reading the exception failed.
        renewHostKryo();
      }
      throw InterpreterContext.<Exception>sneaky(restored);
    }
    try {
      return (R) Serialization.fromBytes(hostKryo, outcome.result());
    } catch (RuntimeException | LinkageError e) {
      renewHostKryo();
      TypeNotPresentException missing = MissingClasses.find(e);
      if (missing != null) {
        throw missing;
      }
      throw e;
    }
  }

  /** A Kryo that threw may keep state from the failed call (Kryo #1283): drop it, take another. */
  private void renewHostKryo() {
    hostKryo = HostKryos.obtain();
  }

  /** Throws any throwable from a method that declares {@code Exception}: a task may throw an {@link Error}. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public void close() {
    Interpreter closing = interpreter;
    interpreter = null;
    if (hostKryo != null) {
      HostKryos.release(hostKryo);
      hostKryo = null;
    }
    if (closing != null) {
      closing.close();
    }
  }
}
