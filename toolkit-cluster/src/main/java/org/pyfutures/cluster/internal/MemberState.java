package org.pyfutures.cluster.internal;

import com.hazelcast.cluster.Member;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the pool knows of one member: whether it is initialized, and which of its tasks run there. */
final class MemberState {
  enum Init { NEEDED, RUNNING, DONE }

  final Member member;
  final String description;
  final Set<WorkItem> running = new LinkedHashSet<>();
  Init init;

  MemberState(Member member, String description, boolean needsInit) {
    this.member = member;
    this.description = description;
    this.init = needsInit ? Init.NEEDED : Init.DONE;
  }
}
