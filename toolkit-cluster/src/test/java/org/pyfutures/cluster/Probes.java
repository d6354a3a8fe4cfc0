package org.pyfutures.cluster;

import org.pyfutures.contract.Rendezvous;

/** Tasks for this module's tests: static, so lambdas calling them capture only their arguments. */
final class Probes {
  private Probes() {}

  static long pid() {
    return ProcessHandle.current().pid();
  }

  /** Reports this JVM's pid at the gate, waits for it to open, and returns the pid. */
  static long blockAndReportPid(Rendezvous.Gate gate) {
    long pid = pid();
    gate.await(Long.toString(pid));
    return pid;
  }

  /** Blocks until interrupted, then reports it at the gate. */
  static String sleepUntilInterrupted(Rendezvous.Gate gate) throws InterruptedException {
    gate.arrive("sleeping");
    try {
      new java.util.concurrent.CountDownLatch(1).await(10, java.util.concurrent.TimeUnit.MINUTES);
      return "never interrupted";
    } catch (InterruptedException e) {
      gate.arrive("interrupted");
      throw e;
    }
  }

  /** A value of a class that is not on the default allow-list. */
  static java.awt.Point offTheAllowList() {
    return new java.awt.Point(3, 4);
  }

  private static final java.util.concurrent.atomic.AtomicInteger INITIALIZATIONS =
      new java.util.concurrent.atomic.AtomicInteger();

  static void countInitialization() {
    INITIALIZATIONS.incrementAndGet();
  }

  /** Returns this JVM's pid and how many times an initializer counted itself here, as "pid:count". */
  static String pidAndInitializations() {
    return pid() + ":" + INITIALIZATIONS.get();
  }

  static int fail(String message) {
    throw new IllegalStateException(message);
  }

  /** Waits at the gate; reports "released" when it opens, or "interrupted" if interrupted first. */
  static String waitAtGate(Rendezvous.Gate gate) {
    try {
      gate.awaitInterruptibly("waiting");
      gate.arrive("released");
      return "released";
    } catch (InterruptedException e) {
      gate.arrive("interrupted");
      return "interrupted";
    }
  }

  /** A value too deeply nested for Kryo to write: writing it overflows the stack. */
  static Object[] tooDeepToWrite() {
    Object[] head = new Object[0];
    for (int i = 0; i < 1_000_000; i++) {
      head = new Object[] {head};
    }
    return head;
  }
}
