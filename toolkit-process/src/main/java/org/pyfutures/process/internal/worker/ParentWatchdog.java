package org.pyfutures.process.internal.worker;

/**
 * Ends a worker whose pool process has died, even by {@code kill -9}, even while a task runs and nobody reads
 * stdin: polls the parent's liveness ({@link ProcessHandle#isAlive()} compares start times, so a reused pid does
 * not fool it) and halts the worker once the parent is gone.
 */
final class ParentWatchdog {
  static final long PERIOD_MILLIS = 250;

  private ParentWatchdog() {}

  static void start(long parentPid) {
    ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
    if (parent == null || !parent.isAlive()) {
      parentGone(parentPid);
    }
    Thread.ofPlatform()
        .daemon()
        .name("pyfutures-parent-watchdog")
        .start(
            () -> {
              while (parent.isAlive()) {
                try {
                  Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                  // Nobody interrupts this thread on purpose; keep watching.
                }
              }
              parentGone(parentPid);
            });
  }

  private static void parentGone(long parentPid) {
    System.err.println("pool process " + parentPid + " is gone; worker exiting");
    System.err.flush();
    Runtime.getRuntime().halt(org.pyfutures.process.internal.wire.WorkerExit.PARENT_GONE);
  }
}
