/**
 * JMH benchmarks of per-task overhead: W1 (threads), W2 (processes) and W9 (interpreters), each beside
 * {@link java.util.concurrent.ThreadPoolExecutor} in the same run. Run from the shaded jar:
 *
 * <pre>{@code
 * java -cp examples/target/pyfutures-examples.jar org.openjdk.jmh.Main W1Benchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
package org.pyfutures.examples.jmh;
