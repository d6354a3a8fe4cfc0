/**
 * pyfutures core: {@code Future}, {@code Executor}, {@code Futures}, {@code ThreadPoolExecutor} and the exceptions.
 *
 * <p>Only {@code org.pyfutures} is API. {@code org.pyfutures.internal} is the machinery the other pyfutures modules
 * build on (task adapters, {@code RemoteFailure}, the Kryo configuration), exported to them alone. Kryo reads and
 * writes the library's own boundary types reflectively, so both packages are open to Kryo, and only to Kryo.
 */
module org.pyfutures {
  requires transitive com.google.common; // Future is a ListenableFuture; result(Duration) throws UncheckedTimeoutException
  requires com.esotericsoftware.kryo.kryo5;
  // Kryo, an automatic module, reads whatever the graph resolves; it makes objects of classes without a no-arg
  // constructor through sun.reflect.ReflectionFactory (objenesis). An application module would not resolve
  // jdk.unsupported by itself, so this module does.
  requires jdk.unsupported;

  exports org.pyfutures;
  exports org.pyfutures.internal to
      org.pyfutures.process,
      org.pyfutures.interp,
      org.pyfutures.cluster;

  opens org.pyfutures to
      com.esotericsoftware.kryo.kryo5;
  opens org.pyfutures.internal to
      com.esotericsoftware.kryo.kryo5;
}
