/**
 * The wire protocol between a process pool and its workers, used by both sides: {@link
 * org.pyfutures.process.internal.wire.Frame}s (a checked header and a self-contained Kryo payload), how to read
 * and write them, and the first frame a worker reads ({@link org.pyfutures.process.internal.wire.Hello}). Not API.
 */
package org.pyfutures.process.internal.wire;
