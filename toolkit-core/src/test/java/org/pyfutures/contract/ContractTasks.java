package org.pyfutures.contract;

import java.io.IOException;

/**
 * Work used by the contract suite: static, so that a method reference or a lambda calling these captures
 * nothing but its arguments and can be copied to any executor.
 */
public final class ContractTasks {
  private ContractTasks() {}

  /** Set by {@link #initialize}; read by {@link #initStatus}. Per thread, interpreter or process. */
  private static volatile String initStatus = "uninitialized";

  public static int mul(int a, int b) {
    return a * b;
  }

  public static <T> T identity(T value) {
    return value;
  }

  /** Fails with an unchecked exception. */
  public static int failUnchecked(String message) {
    throw new IllegalStateException(message);
  }

  /** Fails with a checked exception. */
  public static int failChecked(String message) throws IOException {
    throw new IOException(message);
  }

  public static int divide(int a, int b) {
    return a / b;
  }

  public static void initialize(String status) {
    initStatus = status;
  }

  public static String initStatus() {
    return initStatus;
  }

  public static void failInitializer() {
    throw new IllegalArgumentException("error in initializer");
  }

  /** Reports arrival at the gate, waits until it opens, and returns {@code value}. */
  public static <T> T blockThenReturn(Rendezvous.Gate gate, String tag, T value) {
    gate.await(tag);
    return value;
  }

  /** Reports arrival, waits until the gate opens, then fails. */
  public static int blockThenFail(Rendezvous.Gate gate, String tag) {
    gate.await(tag);
    throw new IllegalStateException("failed after " + tag);
  }

  /** Reports which worker ran it and returns that identity. */
  public static String reportWorker(Rendezvous.Gate gate, String tag) {
    String who = ContractSupport.workerIdentity();
    gate.arrive(tag + " " + who);
    return who;
  }

  /** Reports which worker runs it, then blocks until the gate opens; returns the identity. */
  public static String blockAndReportWorker(Rendezvous.Gate gate, String tag) {
    String who = ContractSupport.workerIdentity();
    gate.await(tag + " " + who);
    return who;
  }

  /**
   * Reports arrival and waits until the gate opens, then returns {@code value}; an interrupt (how a thread pool
   * stops a task) ends the wait with {@link InterruptedException}.
   */
  public static <T> T blockInterruptibly(Rendezvous.Gate gate, String tag, T value) throws InterruptedException {
    gate.awaitInterruptibly(tag);
    return value;
  }

  /**
   * As {@link #blockInterruptibly}, but an interrupt ends the wait with the thread's interrupt status restored, as
   * code that cannot throw {@link InterruptedException} should leave it.
   */
  public static String blockKeepingTheInterrupt(Rendezvous.Gate gate, String tag) {
    try {
      gate.awaitInterruptibly(tag);
      return "opened";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Returns whether the running thread's interrupt status is set, without clearing it. */
  public static boolean interruptStatus() {
    return Thread.currentThread().isInterrupted();
  }

  /** Records the element, then returns it as a string. */
  public static String record(Rendezvous.Gate gate, int value) {
    gate.arrive(Integer.toString(value));
    return Integer.toString(value);
  }
}
