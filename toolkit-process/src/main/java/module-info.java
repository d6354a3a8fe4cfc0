/**
 * pyfutures process pool: {@code ProcessPoolExecutor}, worker JVMs exchanging Kryo frames over pipes.
 *
 * <p>Only {@code org.pyfutures.process} is API. The host, wire and worker packages are exported to no one; the wire
 * messages are open to Kryo, which reads and writes them reflectively. A worker JVM is always started on the class
 * path ({@code -cp}), so this descriptor only matters to the host.
 */
module org.pyfutures.process {
  requires transitive org.pyfutures;
  requires transitive com.esotericsoftware.kryo.kryo5; // KryoCustomizer takes a Kryo

  exports org.pyfutures.process;

  opens org.pyfutures.process to
      com.esotericsoftware.kryo.kryo5;
  opens org.pyfutures.process.internal.host to
      com.esotericsoftware.kryo.kryo5;
  opens org.pyfutures.process.internal.wire to
      com.esotericsoftware.kryo.kryo5;
  opens org.pyfutures.process.internal.worker to
      com.esotericsoftware.kryo.kryo5;
}
