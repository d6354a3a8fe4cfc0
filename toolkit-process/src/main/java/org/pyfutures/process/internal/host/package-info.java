/**
 * The machinery of the process pool, not API: the wire protocol ({@code Frame}, {@code FrameReader},
 * {@code EncodedFrame}), the worker's main class ({@code WorkerMain}) and the pool's side of each worker
 * ({@code ProcessPool}, {@code WorkerProcess}, {@code WorkerReader}).
 */
package org.pyfutures.process.internal;
