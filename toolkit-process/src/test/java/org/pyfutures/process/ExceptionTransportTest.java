package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.Future;
import org.pyfutures.RemoteTraceback;

/** A task's exception crosses back with its type, message and stack, and says which worker raised it. */
@Timeout(60)
@ExtendWith(NoLeftoverWorkers.class)
class ExceptionTransportTest {

  static int failUnchecked(String message) {
    throw new IllegalStateException(message);
  }

  static int failChecked(String message) throws IOException {
    throw new IOException(message);
  }

  @Test
  void uncheckedExceptionKeepsTypeMessageAndRemoteStackAndNamesTheWorkerPid() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Integer> f = pool.submit(ExceptionTransportTest::failUnchecked, "no luck");
      IllegalStateException e = assertThrows(IllegalStateException.class, f::result);
      assertEquals("no luck", e.getMessage());
      assertEquals(ExceptionTransportTest.class.getName(), e.getStackTrace()[0].getClassName());
      assertEquals("failUnchecked", e.getStackTrace()[0].getMethodName());
      assertTrue(
          java.util.Arrays.stream(e.getStackTrace()).anyMatch(frame -> frame.getClassName().endsWith("WorkerMain")),
          "the stack is the one recorded in the worker");
      RemoteTraceback remote = Causes.remoteTraceback(e);
      assertNotNull(remote);
      assertEquals("worker pid " + pid, remote.where());
      assertTrue(remote.remoteTrace().contains("failUnchecked"), remote::remoteTrace);
    }
  }

  @Test
  void checkedExceptionArrivesWrappedAsCompletionExceptionAndAsExecutionException() throws Exception {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      Future<Integer> f = pool.submit(ExceptionTransportTest::failChecked, "disk on fire");
      CompletionException wrapped = assertThrows(CompletionException.class, f::result);
      IOException cause = assertInstanceOf(IOException.class, wrapped.getCause());
      assertEquals("disk on fire", cause.getMessage());
      ExecutionException viaGet = assertThrows(ExecutionException.class, f::get);
      assertInstanceOf(IOException.class, viaGet.getCause());
      assertInstanceOf(IOException.class, f.exception());
    }
  }

  @Test
  void exceptionThatCannotBeRebuiltHereArrivesAsExecutionFailed() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Integer> f = pool.submit(FaultTasks::throwUnrebuildable, "one way only");
      ExecutionFailedException e = assertThrows(ExecutionFailedException.class, f::result);
      assertEquals(Payloads.UnrebuildableException.class.getName(), e.originalClassName());
      assertTrue(e.getMessage().endsWith("one way only"), e::getMessage);
      assertEquals("throwUnrebuildable", e.getStackTrace()[0].getMethodName());
      assertEquals("worker pid " + pid, Causes.remoteTraceback(e).where());
      assertEquals(pid, pool.submit(FaultTasks::pid).result(), "the pool carries on with the same worker");
    }
  }

  @Test
  void errorsAreTransportedAndTheWorkerSurvivesThem() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      long pid = pool.submit(FaultTasks::pid).result();
      Future<Object> f =
          pool.submit(
              () -> {
                throw new OutOfMemoryError("pretend");
              });
      assertEquals("pretend", assertThrows(OutOfMemoryError.class, f::result).getMessage());
      assertEquals(pid, pool.submit(FaultTasks::pid).result());
    }
  }
}
