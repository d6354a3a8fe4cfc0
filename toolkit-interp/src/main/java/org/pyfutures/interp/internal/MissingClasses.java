package org.pyfutures.interp.internal;

/** Recognises a failure to read an object because one of its classes is missing on the reading side. */
final class MissingClasses {
  private MissingClasses() {}

  /**
   * Returns a {@link TypeNotPresentException} naming the missing class, with {@code failure} as its cause, if
   * {@code failure} was caused by a {@link ClassNotFoundException}; else {@code null}.
   */
  static TypeNotPresentException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClassNotFoundException missing) {
        return new TypeNotPresentException(className(missing), failure);
      }
    }
    return null;
  }

  /** The message of a {@link ClassNotFoundException} starts with the class name, sometimes followed by a reason. */
  private static String className(ClassNotFoundException missing) {
    String message = String.valueOf(missing.getMessage());
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }
}
