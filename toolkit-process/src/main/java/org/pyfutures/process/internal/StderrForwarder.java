package org.pyfutures.process.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;

/**
 * Copies a worker's stderr (which also carries its {@code System.out}) line by line to this process's
 * {@code System.err}, each line prefixed with the worker's name, and keeps the last lines for error messages.
 */
final class StderrForwarder implements Runnable {
  private static final int TAIL_LINES = 12;
  private static final Charset NATIVE =
      Charset.forName(System.getProperty("native.encoding", Charset.defaultCharset().name()));

  private final InputStream stderr;
  private final String prefix;
  private final ArrayDeque<String> tail = new ArrayDeque<>();

  StderrForwarder(InputStream stderr, String prefix) {
    this.stderr = stderr;
    this.prefix = prefix;
  }

  @Override
  public void run() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, NATIVE))) {
      for (String line; (line = lines.readLine()) != null; ) {
        System.err.println(prefix + line);
        synchronized (tail) {
          if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
          }
          tail.addLast(line);
        }
      }
    } catch (IOException closed) {
      // The worker is gone; nothing more to copy.
    }
  }

  /** Returns the last lines the worker wrote, one per line, or an empty string. */
  String tail() {
    synchronized (tail) {
      return String.join(System.lineSeparator(), tail);
    }
  }
}
