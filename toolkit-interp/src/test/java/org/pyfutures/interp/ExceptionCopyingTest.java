package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.Future;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.Task;

/** An exception thrown inside an interpreter comes back as the host's class, or a stand-in if it cannot. */
@Timeout(60)
class ExceptionCopyingTest {
  static final class Boom extends RuntimeException {
    Boom(String message) {
      super(message);
    }
  }

  static final class Unportable extends RuntimeException {
    final Object payload = new Object();

    Unportable(String message) {
      super(message);
    }
  }

  /** Cannot be copied, and its own methods throw when asked to describe it. */
  static final class Rude extends RuntimeException {
    final Object payload = new Object();

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message for you");
    }
  }

  private static InterpreterPoolExecutor pool;

  @BeforeAll
  static void startPool() {
    pool = new InterpreterPoolExecutor(1);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  static int explode() {
    throw new Boom("exploded inside");
  }

  static int failToRead() throws IOException {
    throw new IOException("disk on fire");
  }

  static int throwRude() {
    throw new Rude();
  }

  static int throwUnportable() {
    throw new Unportable("stuck inside");
  }

  @Test
  void anUncheckedExceptionIsCaughtAsTheHostsOwnClass() {
    Future<Integer> future = pool.submit((Task<Integer>) ExceptionCopyingTest::explode);
    Boom boom;
    try {
      future.result();
      throw new AssertionError("no exception");
    } catch (Boom caught) {
      boom = caught;
    }
    assertSame(Boom.class, boom.getClass());
    assertEquals("exploded inside", boom.getMessage());
  }

  @Test
  void itKeepsItsRemoteStackAndARemoteTracebackNamingTheInterpreter() {
    Boom boom = assertThrows(Boom.class, pool.submit((Task<Integer>) ExceptionCopyingTest::explode)::result);
    StackTraceElement top = boom.getStackTrace()[0];
    assertEquals("explode", top.getMethodName());
    assertTrue(String.valueOf(top.getClassLoaderName()).startsWith("interpreter-"), top.toString());
    RemoteTraceback traceback = assertInstanceOf(RemoteTraceback.class, boom.getSuppressed()[0]);
    assertTrue(traceback.where().matches("interpreter \\d+"), traceback.where());
    assertTrue(traceback.remoteTrace().contains("exploded inside"), traceback.remoteTrace());
  }

  @Test
  void aCheckedExceptionArrivesWrappedInCompletionExceptionAsUsual() {
    CompletionException wrapped =
        assertThrows(
            CompletionException.class, pool.submit((Task<Integer>) ExceptionCopyingTest::failToRead)::result);
    IOException cause = assertInstanceOf(IOException.class, wrapped.getCause());
    assertEquals("disk on fire", cause.getMessage());
  }

  @Test
  void anExceptionThatCannotBeCopiedBackArrivesAsExecutionFailedException() {
    ExecutionFailedException failed =
        assertThrows(
            ExecutionFailedException.class,
            pool.submit((Task<Integer>) ExceptionCopyingTest::throwUnportable)::result);
    assertEquals(Unportable.class.getName(), failed.originalClassName());
    assertTrue(failed.getMessage().contains("stuck inside"), failed.getMessage());
    assertEquals("throwUnportable", failed.getStackTrace()[0].getMethodName());
    assertInstanceOf(RemoteTraceback.class, failed.getSuppressed()[0]);
  }

  /** No object of an interpreter's class reaches the host, even when the exception's own methods throw. */
  @Test
  void anExceptionWhoseGetMessageThrowsArrivesAsExecutionFailedException() {
    ExecutionFailedException failed =
        assertThrows(
            ExecutionFailedException.class, pool.submit((Task<Integer>) ExceptionCopyingTest::throwRude)::result);
    assertEquals(Rude.class.getName(), failed.originalClassName());
    assertTrue(failed.getMessage().contains("getMessage() threw"), failed.getMessage());
    assertEquals(7, pool.submit(() -> 7).result());
  }

  @Test
  void theInterpreterStaysUsableAfterATaskFails() {
    assertThrows(Boom.class, pool.submit((Task<Integer>) ExceptionCopyingTest::explode)::result);
    assertEquals(7, pool.submit(() -> 7).result());
  }
}
