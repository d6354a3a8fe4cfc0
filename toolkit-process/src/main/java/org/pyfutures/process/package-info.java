/**
 * {@link org.pyfutures.process.ProcessPoolExecutor}: Python's {@code ProcessPoolExecutor} on worker JVMs that
 * exchange Kryo frames with the pool over their stdin and stdout.
 */
package org.pyfutures.process;
