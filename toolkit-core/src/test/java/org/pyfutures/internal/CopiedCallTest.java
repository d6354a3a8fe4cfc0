package org.pyfutures.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Task;

/** The interrupt status across {@link CopiedCall#run}: a stop that comes during the read reaches the work. */
@Timeout(30)
class CopiedCallTest {
  private final RenewingKryo kryo =
      new RenewingKryo(() -> Serialization.newKryo(CopiedCallTest.class.getClassLoader(), null));

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void anInterruptThatArrivesWhileTheWorkIsReadReachesTheWork() {
    Task<Boolean> interruptStatus = () -> Thread.currentThread().isInterrupted();
    CopiedCall.Outcome<Object> outcome =
        CopiedCall.run(
            kryo,
            k -> {
              Thread.currentThread().interrupt();
              return interruptStatus;
            },
            (k, value) -> value,
            () -> {});
    assertNull(outcome.failure());
    assertEquals(true, outcome.result());
  }

  @Test
  void anInterruptTheWorkLeavesIsClearedBeforeAfterWorkAndTheWrite() {
    Task<String> interruptsItself =
        () -> {
          Thread.currentThread().interrupt();
          return "done";
        };
    AtomicBoolean interruptedAfterWork = new AtomicBoolean(true);
    CopiedCall.Outcome<Object> outcome =
        CopiedCall.run(
            kryo,
            k -> interruptsItself,
            (k, value) -> Thread.currentThread().isInterrupted() ? "interrupted while writing" : value,
            () -> interruptedAfterWork.set(Thread.currentThread().isInterrupted()));
    assertEquals("done", outcome.result());
    assertFalse(interruptedAfterWork.get());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void anInterruptLeftByFailingWorkIsClearedToo() {
    Task<String> interruptsThenFails =
        () -> {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("failed");
        };
    CopiedCall.Outcome<Object> outcome = CopiedCall.run(kryo, k -> interruptsThenFails, (k, value) -> value, () -> {});
    assertEquals(IllegalStateException.class.getName(), outcome.failure().className());
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
