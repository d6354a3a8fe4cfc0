package org.pyfutures.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A member's registry of running calls, on the test's own thread as the member's task thread. */
@Timeout(10)
class RunningCallsTest {
  private final RunningCalls calls = new RunningCalls();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void cancellingTheRunningTaskInterruptsItsThreadUntilItEnds() {
    CallId id = new CallId(1, 1);
    RunningCall call = calls.start(id);
    assertTrue(call.begin(0));
    calls.cancel(id, 0);
    assertTrue(Thread.currentThread().isInterrupted());
    call.end();
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt ends with its task");
    assertTrue(call.begin(1));
    calls.cancel(id, 0);
    assertFalse(Thread.currentThread().isInterrupted(), "a cancel of a task that ended interrupts nothing");
  }

  @Test
  void cancellingATaskNeverInterruptsItsNeighbours() {
    CallId id = new CallId(1, 2);
    RunningCall call = calls.start(id);
    assertTrue(call.begin(0));
    calls.cancel(id, 1);
    assertFalse(Thread.currentThread().isInterrupted());
    call.end();
    assertFalse(call.begin(1), "a task cancelled before its turn is skipped");
    assertTrue(call.begin(2));
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aCancelThatArrivesBeforeItsCallIsAppliedWhenTheCallStarts() {
    CallId id = new CallId(1, 3);
    calls.cancel(id, 0);
    assertFalse(Thread.currentThread().isInterrupted());
    RunningCall call = calls.start(id);
    assertFalse(call.begin(0));
    assertTrue(call.begin(1));
  }

  @Test
  void anEndedCallIsForgotten() {
    CallId id = new CallId(1, 4);
    RunningCall call = calls.start(id);
    assertTrue(call.begin(0));
    call.end();
    calls.end(id);
    calls.cancel(id, 0);
    assertFalse(Thread.currentThread().isInterrupted());
    assertTrue(calls.start(new CallId(2, 4)).begin(0), "calls of another pool are others");
  }

  @Test
  void earlyCancelsAreBounded() {
    for (int i = 0; i <= RunningCalls.MAX_EARLY; i++) {
      calls.cancel(new CallId(3, i), 0);
    }
    assertTrue(calls.start(new CallId(3, 0)).begin(0), "the oldest early cancel was forgotten");
    assertFalse(calls.start(new CallId(3, RunningCalls.MAX_EARLY)).begin(0));
  }
}
