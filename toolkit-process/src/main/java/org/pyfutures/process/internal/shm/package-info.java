/**
 * Large payloads between a pool and its workers through shared memory: each side writes the payloads it sends
 * (from {@link org.pyfutures.process.internal.shm.SharedMemory#THRESHOLD} bytes up) into a file it maps under
 * {@code /dev/shm}, and the pipe carries only where ({@code Frame.SHARED}). Not API.
 *
 * <p>One channel per worker and direction: a {@link org.pyfutures.process.internal.shm.SharedSender} owns a ring
 * in its current mapping, a {@link org.pyfutures.process.internal.shm.SharedReceiver} maps the same file, unlinks
 * it, and records in the mapping's header how far it has consumed; the sender writes only over consumed bytes, and
 * when the ring has no room it moves to a larger mapping (a new generation) or sends the frame down the pipe.
 * Every failure to set up or grow a mapping falls back to the pipe, silently. The design, with its measurements, is
 * in docs/decisions-process.md.
 */
package org.pyfutures.process.internal.shm;
