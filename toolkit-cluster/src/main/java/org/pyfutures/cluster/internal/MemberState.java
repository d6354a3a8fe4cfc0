package org.pyfutures.cluster.internal;

import com.hazelcast.cluster.Member;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the pool knows of one member: whether it is initialized, which of this pool's calls run there, and how long
 * its recent tasks ran, which decides how many tasks one call to it may carry.
 */
final class MemberState {
  enum Init { NEEDED, RUNNING, DONE }

  /** Tasks one call carries at most, while the member's recent tasks ran under {@link #TINY_TASK_NANOS}. */
  static final int MAX_BATCH = 16;

  /** Recent run time per task under which one call carries up to {@link #MAX_BATCH} tasks. */
  static final long TINY_TASK_NANOS = 50_000;

  /** Recent run time per task under which one call carries up to two tasks; above it, one. */
  static final long SHORT_TASK_NANOS = 500_000;

  final Member member;
  final String description;
  final Set<Batch> running = new LinkedHashSet<>();
  Init init;
  /**
   * Run time of this member's recent tasks (a moving average), as replies report it; MAX_VALUE until the first.
   * Written by the pool's reply thread only.
   */
  private volatile long recentRunNanos = Long.MAX_VALUE;

  MemberState(Member member, String description, boolean needsInit) {
    this.member = member;
    this.description = description;
    this.init = needsInit ? Init.NEEDED : Init.DONE;
  }

  /** Counts a task's reported run time, negative for a task skipped as cancelled. Called by the reply thread. */
  void ran(long runNanos) {
    if (runNanos < 0) {
      return;
    }
    long run = runNanos;
    recentRunNanos = recentRunNanos == Long.MAX_VALUE ? run : recentRunNanos - (recentRunNanos >> 2) + (run >> 2);
  }

  /** The most tasks one call to this member may carry now. */
  int batchLimit() {
    return recentRunNanos < TINY_TASK_NANOS ? MAX_BATCH : recentRunNanos < SHORT_TASK_NANOS ? 2 : 1;
  }
}
