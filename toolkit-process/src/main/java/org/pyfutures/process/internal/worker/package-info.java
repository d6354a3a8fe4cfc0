/**
 * The worker side of a process pool: the worker JVM's main loop ({@code WorkerMain}), its stdio and the watchdog
 * that ends it when the pool's process dies. Not API.
 */
package org.pyfutures.process.internal.worker;
