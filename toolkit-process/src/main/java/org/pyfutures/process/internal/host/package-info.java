/**
 * The host side of a process pool: its state ({@code ProcessPool}), the handle, writer and reader of each worker
 * JVM, and how workers are launched. Not API.
 *
 * <p>How a task travels (one worker shown; every worker has its own writer, reader and stderr threads):
 *
 * <pre>
 *  submit(task)                         (caller's thread)
 *    │ encode the task into a TASK frame; a failure here fails only this future
 *    ▼
 *  queue ──── PENDING, cancellable ─────────────────────────────────────────────┐
 *    │ dispatch: an IDLE worker takes the next item, its future RUNNING; a busy  │
 *    │ one with short tasks takes more, up to 8 (WorkerHandle.hasRoom)           │
 *    │ (on submit, on READY, on a reply: whichever thread frees capacity)        │ manager thread:
 *    ▼                                                                           │  launches workers,
 *  WorkerWriter ══ TASK frame ══► worker stdin ──► WorkerMain: read, run, write  │  accounts for exits,
 *  (or the submitter, to an idle worker;             │ (CopiedCall)              │  kills on timeout,
 *   never a reader)                                  │                           │
 *                                                    ▼                           │  fails futures in
 *  WorkerReader ◄══ RESULT / FAILURE frame ══ worker stdout                      │  bulk, terminates
 *    │ frees a place in the worker (next dispatch), then decodes the reply       │
 *    ▼                                                                           │
 *  future: FINISHED, callbacks run in the reader ◄───────────────────────────────┘
 *
 *  worker stderr ──► StderrForwarder ──► this process's System.err, prefixed, in bounded lines
 *  worker exit ──► reader sees the end of stdout ──► manager: what the worker ran fails (or the pool breaks);
 *                  what it held but never started goes back to the queue
 * </pre>
 *
 * <p>A payload of 1 MiB or more does not travel in its frame: the frame's writer (or, for a reply, the worker as it
 * encodes it) puts it into a shared mapping of that worker and direction, and the frame on the pipe says where
 * ({@code internal.shm}). Readers never see the difference.
 *
 * <p>The pool's run states are documented on {@code ProcessPool}, each worker's on {@code WorkerHandle}.
 */
package org.pyfutures.process.internal.host;
