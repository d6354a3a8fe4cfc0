package org.pyfutures.examples.workloads;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters incremented from several tasks at once, unsafely and safely: the {@code race} story. The fields are
 * static, so threads of one JVM share them, while every interpreter and every worker process has its own copy.
 */
public final class Counters {
  /** Incremented with a plain {@code +=}: a read, an add and a write that other threads can interleave. */
  static long plain;

  /** Incremented with a {@code +=} on a volatile field: every access goes to memory, and it still races. */
  static volatile long volatileField;

  /** Incremented atomically. */
  static final AtomicLong ATOMIC = new AtomicLong();

  /** Incremented under {@link #LOCK}. */
  static long guarded;

  private static final Object LOCK = new Object();

  /**
   * Checked on every iteration, as real code checks for cancellation between steps. The volatile read also keeps
   * the JIT from fusing a loop of {@code plain += 1} into a single add, so each increment really is a read and a
   * write that another thread can slip between, as in CPython.
   */
  private static volatile boolean stop;

  private Counters() {}

  /** The ways to count that the {@code race} subcommand compares. */
  public enum Way {
    /** {@code plain += 1} on a plain static field. */
    PLAIN,
    /** {@code volatileField += 1}. */
    VOLATILE,
    /** {@code ATOMIC.incrementAndGet()}. */
    ATOMIC,
    /** {@code synchronized (LOCK) { guarded += 1; }}. */
    LOCKED
  }

  /**
   * What one task saw: where it ran and the counter's value there after its increments.
   *
   * @param where the worker's JVM pid and the identity of its copy of this class
   * @param value the counter after the task's loop
   */
  public record Seen(String where, long value) implements Serializable {}

  /** Sets every counter of this copy of the class to zero. */
  public static void reset() {
    plain = 0;
    volatileField = 0;
    ATOMIC.set(0);
    synchronized (LOCK) {
      guarded = 0;
    }
  }

  /**
   * Returns a counter's current value in this copy of the class.
   *
   * @param way which counter
   * @return its value
   */
  public static long value(Way way) {
    return switch (way) {
      case PLAIN -> plain;
      case VOLATILE -> volatileField;
      case ATOMIC -> ATOMIC.get();
      case LOCKED -> {
        synchronized (LOCK) {
          yield guarded;
        }
      }
    };
  }

  /**
   * Increments a counter {@code n} times.
   *
   * @param way which counter, and how
   * @param n how many increments
   */
  public static void increment(Way way, long n) {
    switch (way) {
      case PLAIN -> {
        for (long i = 0; i < n && !stop; i++) {
          plain += 1;
        }
      }
      case VOLATILE -> {
        for (long i = 0; i < n && !stop; i++) {
          volatileField += 1;
        }
      }
      case ATOMIC -> {
        for (long i = 0; i < n && !stop; i++) {
          ATOMIC.incrementAndGet();
        }
      }
      case LOCKED -> {
        for (long i = 0; i < n && !stop; i++) {
          synchronized (LOCK) {
            guarded += 1;
          }
        }
      }
    }
  }

  /**
   * The task sent to interpreters and processes: {@code plain += 1}, {@code n} times, in whatever copy of this
   * class the worker has.
   *
   * @param n how many increments
   * @return where it ran and the plain counter's value there afterwards
   */
  public static Seen countPlain(long n) {
    increment(Way.PLAIN, n);
    return new Seen(ProcessHandle.current().pid() + "/" + Integer.toHexString(System.identityHashCode(Counters.class)),
        plain);
  }
}
