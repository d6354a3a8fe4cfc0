package org.pyfutures.internal;

import org.pyfutures.ExecutionFailedException;
import org.pyfutures.Initializer;
import org.pyfutures.Task;

/**
 * The protocol of a call across a copying boundary, written once for every copying pool. On the far side (a
 * worker process, an interpreter) {@link #run} reads the work, runs it and writes its result; whatever fails on
 * the way (reading, running, writing) becomes the call's {@link RemoteFailure} instead, and the side carries on.
 * On the near side {@link #restore} turns a failure back into the exception that completes the future.
 */
public final class CopiedCall {
  /**
   * Thrown by a {@link Reader} when the channel the work arrives on failed, as opposed to the copy: {@link #run}
   * lets it through, since the side cannot carry on.
   */
  public static final class ChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps the channel's failure.
     *
     * @param cause the failure
     */
    public ChannelException(java.io.IOException cause) {
      super(cause);
    }

    @Override
    public synchronized java.io.IOException getCause() {
      return (java.io.IOException) super.getCause();
    }
  }

  /** Reads the work (a {@link Task} or an {@link Initializer}) with the far side's Kryo. */
  @FunctionalInterface
  public interface Reader {
    /** Reads the work. */
    Object read(com.esotericsoftware.kryo.kryo5.Kryo kryo) throws Exception;
  }

  /** Writes a value (a result, or a {@link RemoteFailure}) with the far side's Kryo into the form that crosses. */
  @FunctionalInterface
  public interface Writer<W> {
    /** Writes the value. */
    W write(com.esotericsoftware.kryo.kryo5.Kryo kryo, Object value) throws Exception;
  }

  /**
   * What came out of a call: the written result, or the failure (exactly one is not null), and what the call cost
   * on the far side.
   *
   * @param result the result as written
   * @param failure the captured failure, not yet written
   * @param copyNanos time spent reading the work and writing the result
   * @param runNanos time spent inside the work
   * @param <W> the written form
   */
  public record Outcome<W>(W result, RemoteFailure failure, long copyNanos, long runNanos) {}

  private CopiedCall() {}

  /**
   * Reads, runs and writes one call on the far side. The thread's interrupt status is cleared once the work has
   * returned or thrown, before {@code afterWork} and the write: an interrupt the work left behind, or one meant to
   * stop it, goes no further. One that arrives while the work is read is left for the work to see, so a stop
   * requested then still stops it.
   *
   * @param kryo the far side's Kryo
   * @param reader reads the work
   * @param writer writes the result
   * @param afterWork runs once the work has returned or thrown (it flushes what the work printed, say)
   * @return the outcome; never throws for anything the work or a copy does
   * @throws ChannelException from the reader, if the channel failed
   */
  public static <W> Outcome<W> run(RenewingKryo kryo, Reader reader, Writer<W> writer, Runnable afterWork) {
    long start = System.nanoTime();
    Object work;
    try {
      work = kryo.use(reader::read);
    } catch (ChannelException e) {
      throw e;
    } catch (Throwable t) {
      return new Outcome<>(null, capture(kryo, t), System.nanoTime() - start, 0);
    }
    long read = System.nanoTime();
    Object result;
    try {
      result = perform(work);
    } catch (Throwable t) {
      long ran = System.nanoTime();
      Thread.interrupted();
      afterWork.run();
      return new Outcome<>(null, capture(kryo, t), read - start, ran - read);
    }
    long ran = System.nanoTime();
    Thread.interrupted();
    afterWork.run();
    long writing = System.nanoTime();
    try {
      W written = kryo.use(k -> writer.write(k, result));
      return new Outcome<>(written, null, read - start + System.nanoTime() - writing, ran - read);
    } catch (Throwable t) {
      return new Outcome<>(null, capture(kryo, t), read - start + System.nanoTime() - writing, ran - read);
    }
  }

  private static Object perform(Object work) throws Exception {
    if (work instanceof Initializer initializer) {
      initializer.run();
      return null;
    }
    if (work instanceof Task<?> task) {
      return task.call();
    }
    throw new ClassCastException(
        "expected a task, read " + (work == null ? "null" : "a " + work.getClass().getName()));
  }

  /**
   * Captures a failure on the far side. Whatever goes wrong on the way, some description of {@code t} results.
   *
   * @param kryo the far side's Kryo; renewed if capturing used it and failed
   * @param t the failure
   * @return its portable form
   */
  public static RemoteFailure capture(RenewingKryo kryo, Throwable t) {
    RemoteFailure captured;
    try {
      captured = RemoteFailure.capture(kryo.current(), t);
    } catch (Throwable describing) {
      String name = t.getClass().getName();
      captured = new RemoteFailure(null, name, "(could not be described: " + describing + ")", new StackTraceElement[0], name);
    }
    if (captured.exception() == null) {
      // Writing the exception failed.
      kryo.renew();
    }
    return captured;
  }

  /**
   * Writes a captured failure, falling back to one without the exception object and stack if that cannot be
   * written (a stack frame naming an unwritable class, say).
   *
   * @param kryo the far side's Kryo
   * @param failure the failure
   * @param writer writes it
   * @return the written failure
   * @throws Exception if even the bare failure cannot be written
   */
  public static <W> W writeFailure(RenewingKryo kryo, RemoteFailure failure, Writer<W> writer) throws Exception {
    try {
      return kryo.use(k -> writer.write(k, failure));
    } catch (Exception | LinkageError | StackOverflowError e) {
      RemoteFailure bare =
          new RemoteFailure(null, failure.className(), failure.message(), new StackTraceElement[0], failure.trace());
      return kryo.use(k -> writer.write(k, bare));
    }
  }

  /**
   * Rebuilds a failure on the near side, as {@link RemoteFailure#restore}.
   *
   * @param kryo the near side's Kryo; renewed if reading the exception failed
   * @param failure the failure
   * @param where where the call ran, for its {@link org.pyfutures.RemoteTraceback}
   * @return the exception to complete the future with
   */
  public static Throwable restore(RenewingKryo kryo, RemoteFailure failure, String where) {
    Throwable restored;
    try {
      restored = failure.restore(kryo.current(), where);
    } catch (Throwable t) {
      kryo.renew();
      return t;
    }
    if (restored instanceof ExecutionFailedException && failure.exception() != null) {
      kryo.renew();
    }
    return restored;
  }
}
