package org.pyfutures.interp.internal;

import org.pyfutures.Task;
import org.pyfutures.internal.CopiedCall;
import org.pyfutures.internal.RenewingKryo;
import org.pyfutures.internal.Serialization;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.internal.WorkerContext;

/**
 * The context of one worker thread of an interpreter pool: it creates the worker's interpreter, runs the
 * initializer in it, passes each task's bytes in and reads the result or exception back into host objects.
 */
final class InterpreterContext implements WorkerContext {
  private final InterpreterContexts pool;
  private final int id;
  private final StatsCounters.Local stats;
  private Interpreter interpreter;
  // A host Kryo that threw is dropped, not released to HostKryos: only the current one goes back.
  private RenewingKryo hostKryo;

  InterpreterContext(InterpreterContexts pool, int id, StatsCounters.Local stats) {
    this.pool = pool;
    this.id = id;
    this.stats = stats;
  }

  @Override
  public void initialize() throws Exception {
    hostKryo = new RenewingKryo(HostKryos::obtain);
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
    CopiedTask<R> copied = (CopiedTask<R>) task;
    CopiedCall.Outcome<byte[]> outcome = interpreter.call(copied.bytes());
    stats.ran(outcome.runNanos());
    long start = System.nanoTime();
    try {
      return copied.result(unwrap(outcome));
    } finally {
      stats.copied(outcome.copyNanos() + System.nanoTime() - start);
      byte[] back = outcome.failure() == null ? outcome.result() : outcome.failure().exception();
      stats.received(back == null ? 0 : back.length);
    }
  }

  @SuppressWarnings("unchecked")
  private <R> R unwrap(CopiedCall.Outcome<byte[]> outcome) throws Exception {
    if (outcome.failure() != null) {
      throw InterpreterContext.<Exception>sneaky(
          CopiedCall.restore(hostKryo, outcome.failure(), interpreter.where()));
    }
    try {
      return (R) hostKryo.use(kryo -> Serialization.fromBytes(kryo, outcome.result()));
    } catch (RuntimeException | LinkageError e) {
      TypeNotPresentException missing = MissingClasses.find(e);
      if (missing != null) {
        throw missing;
      }
      throw e;
    }
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
      HostKryos.release(hostKryo.current());
      hostKryo = null;
    }
    if (closing != null) {
      closing.close();
    }
  }
}
