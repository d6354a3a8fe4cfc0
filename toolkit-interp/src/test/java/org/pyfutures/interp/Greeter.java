package org.pyfutures.interp;

/** A service for {@link ContextClassLoaderTest}, found with {@link java.util.ServiceLoader}. */
public interface Greeter {
  /** Returns the name of the class loader that loaded the provider. */
  String greet();
}
