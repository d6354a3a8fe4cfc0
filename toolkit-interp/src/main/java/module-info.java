/**
 * pyfutures interpreter pool: {@code InterpreterPoolExecutor}, isolated-classloader sub-interpreters.
 *
 * <p>Only {@code org.pyfutures.interp} is API. The interpreters' classes are defined by their own loaders, in those
 * loaders' unnamed modules; the host side drives Kryo itself, and its internals are open to Kryo only.
 */
module org.pyfutures.interp {
  requires transitive org.pyfutures;
  requires com.esotericsoftware.kryo.kryo5;

  exports org.pyfutures.interp;

  opens org.pyfutures.interp.internal to
      com.esotericsoftware.kryo.kryo5;
}
