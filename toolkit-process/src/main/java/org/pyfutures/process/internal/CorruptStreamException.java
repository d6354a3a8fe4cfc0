package org.pyfutures.process.internal;

import java.io.IOException;

/** Thrown when bytes on a protocol stream are not a well-formed frame; the stream cannot be trusted after it. */
final class CorruptStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  CorruptStreamException(String message) {
    super(message);
  }
}
