package org.pyfutures.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pyfutures.Future;

/** When {@code cancel(true)} runs the stopper an executor recorded through {@link FutureControl}. */
class FutureControlTest {
  @Test
  void cancelWithInterruptStopsTheTaskBeforeTheCallbacksRun() {
    List<String> events = new ArrayList<>();
    Future<String> future = new Future<>();
    assertTrue(FutureControl.setRunningOrNotifyCancel(future, () -> events.add("stopped")));
    future.addDoneCallback(f -> events.add("callback saw cancelled=" + f.isCancelled()));
    assertTrue(future.cancel(true));
    assertEquals(List.of("stopped", "callback saw cancelled=true"), events);
  }

  @Test
  void theStopperRunsOnlyForCancelWithInterruptOfARunningFutureAndAtMostOnce() {
    List<String> events = new ArrayList<>();
    Future<String> future = new Future<>();
    FutureControl.setRunningOrNotifyCancel(future, () -> events.add("stopped"));
    assertFalse(future.cancel(false));
    assertFalse(future.cancel());
    assertTrue(future.cancel(true));
    assertTrue(future.cancel(true));
    assertEquals(List.of("stopped"), events);
  }

  @Test
  void aFinishedFutureIsNeitherCancelledNorStopped() {
    List<String> events = new ArrayList<>();
    Future<String> future = new Future<>();
    FutureControl.setRunningOrNotifyCancel(future, () -> events.add("stopped"));
    future.setResult("done");
    assertFalse(future.cancel(true));
    assertEquals("done", future.result());
    assertEquals(List.of(), events);
  }
}
