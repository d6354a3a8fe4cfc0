package org.pyfutures.process.internal.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;

/**
 * Copies a worker's stderr (which also carries its {@code System.out}) line by line to this process's
 * {@code System.err}, each line prefixed with the worker's name, and keeps the last lines for error messages. A
 * line longer than {@link #MAX_LINE_CHARS} is passed on in pieces of that size, so a worker that prints without
 * ever ending a line costs this process a bounded buffer, not its heap.
 */
final class StderrForwarder implements Runnable {
  static final int MAX_LINE_CHARS = 8192;
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
    char[] buffer = new char[MAX_LINE_CHARS];
    StringBuilder line = new StringBuilder();
    try (Reader in = new InputStreamReader(stderr, NATIVE)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            line.append(buffer, start, i - start);
            emit(line);
            start = i + 1;
          } else if (line.length() + (i - start) + 1 >= MAX_LINE_CHARS) {
            line.append(buffer, start, i + 1 - start);
            emit(line);
            start = i + 1;
          }
        }
        line.append(buffer, start, n - start);
      }
    } catch (IOException closed) {
      // The worker is gone; nothing more to copy.
    }
    if (!line.isEmpty()) {
      emit(line);
    }
  }

  private void emit(StringBuilder line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    String text = line.substring(0, end);
    line.setLength(0);
    System.err.println(prefix + text);
    synchronized (tail) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(text);
    }
  }

  /** Returns the last lines the worker wrote, one per line, or an empty string. */
  String tail() {
    synchronized (tail) {
      return String.join(System.lineSeparator(), tail);
    }
  }
}
