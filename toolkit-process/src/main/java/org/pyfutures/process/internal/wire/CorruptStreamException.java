package org.pyfutures.process.internal.wire;

import java.io.IOException;

/** Thrown when bytes on a protocol stream are not a well-formed frame; the stream cannot be trusted after it. */
public final class CorruptStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was read
   */
  public CorruptStreamException(String message) {
    super(message);
  }
}
