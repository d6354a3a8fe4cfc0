package org.pyfutures.interp;

/** The {@link Greeter} registered in {@code META-INF/services}. */
public final class LoaderNamingGreeter implements Greeter {
  /** Creates the provider. */
  public LoaderNamingGreeter() {}

  @Override
  public String greet() {
    return String.valueOf(getClass().getClassLoader().getName());
  }
}
