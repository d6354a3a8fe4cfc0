package org.pyfutures.process.internal;

import org.pyfutures.Future;

/** A submitted task (CPython's {@code _WorkItem}): its id, its future and its encoded frame until sent. */
final class WorkItem {
  final long id;
  final Future<Object> future;
  // Dropped once written to a worker, so a large payload is not held until the result arrives.
  private EncodedFrame frame;

  @SuppressWarnings("unchecked")
  WorkItem(long id, Future<?> future, EncodedFrame frame) {
    this.id = id;
    this.future = (Future<Object>) future;
    this.frame = frame;
  }

  /** Returns the frame to send; called once, by the thread that dispatched the item. */
  EncodedFrame takeFrame() {
    EncodedFrame f = frame;
    frame = null;
    return f;
  }

  /** Returns the frame of an item that was never sent. */
  EncodedFrame unsentFrame() {
    return frame;
  }
}
