package org.pyfutures.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.RemoteTraceback;

/**
 * A task's exception in a form that always crosses a boundary: the exception itself when it can be serialized,
 * and in any case its class name, message, stack and printed trace, so the other side can rebuild it or stand
 * in for it with an {@link ExecutionFailedException}.
 *
 * @param exception the serialized exception, or {@code null} if it could not be serialized
 * @param className the exception's binary class name
 * @param message its message, possibly null
 * @param stack its stack frames
 * @param trace its stack trace as printed where it was raised
 */
public record RemoteFailure(
    byte[] exception, String className, String message, StackTraceElement[] stack, String trace) {

  /**
   * Captures an exception where it was raised. Never throws for a misbehaving exception: if its
   * {@code getMessage} or {@code toString} throws, the capture says so instead.
   *
   * @param kryo the Kryo of this side
   * @param failure the exception
   * @return its portable form
   */
  public static RemoteFailure capture(Kryo kryo, Throwable failure) {
    byte[] bytes;
    try {
      bytes = Serialization.toBytes(kryo, failure);
    } catch (RuntimeException | LinkageError | StackOverflowError notSerializable) {
      bytes = null;
    }
    // The exception's own code runs below (getMessage, toString); whatever it throws must not hide the failure.
    String className = failure.getClass().getName();
    String message;
    try {
      message = failure.getMessage();
    } catch (Throwable t) {
      message = "(getMessage() threw " + t.getClass().getName() + ")";
    }
    String trace;
    try {
      StringWriter printed = new StringWriter();
      failure.printStackTrace(new PrintWriter(printed));
      trace = printed.toString();
    } catch (Throwable t) {
      trace = className + ": " + message + " (printing its stack trace threw " + t.getClass().getName() + ")";
    }
    return new RemoteFailure(bytes, className, message, failure.getStackTrace(), trace);
  }

  /**
   * Rebuilds the exception on the receiving side: the original type when it can be read back, else an
   * {@link ExecutionFailedException}; either way with a {@link RemoteTraceback} naming {@code where} as a
   * suppressed exception.
   *
   * @param kryo the Kryo of the receiving side
   * @param where where the task ran, such as {@code "worker pid 4242"}
   * @return the exception to complete the future with
   */
  public Throwable restore(Kryo kryo, String where) {
    Throwable restored = null;
    if (exception != null) {
      try {
        restored = (Throwable) Serialization.fromBytes(kryo, exception);
      } catch (Throwable notReadable) {
        // Whatever an exception's readObject throws, the stand-in below still reports the failure.
        restored = null;
      }
    }
    if (restored == null) {
      restored = new ExecutionFailedException(className, message, stack);
    }
    restored.addSuppressed(new RemoteTraceback(where, trace));
    return restored;
  }
}
