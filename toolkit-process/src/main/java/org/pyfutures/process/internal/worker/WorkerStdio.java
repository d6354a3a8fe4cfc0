package org.pyfutures.process.internal.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * A worker's {@code System.out} and {@code System.err}: both go to its stderr (its stdout carries the protocol),
 * which the pool forwards line by line. At the end of each task, a line the task left unfinished is ended, so
 * that the next task's output starts on a line of its own.
 */
final class WorkerStdio {
  private static LineTracking tracking;

  private WorkerStdio() {}

  /** Points {@code System.out} and {@code System.err} at the worker's stderr. Called once, before any task. */
  static void install() {
    tracking = new LineTracking(new FileOutputStream(FileDescriptor.err));
    String encoding = System.getProperty("stderr.encoding");
    Charset charset = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
    PrintStream stream = new PrintStream(tracking, true, charset);
    System.setErr(stream);
    System.setOut(stream);
  }

  /** Flushes what the task wrote and ends a line it left unfinished. */
  static void endOfTask() {
    System.out.flush();
    System.err.flush();
    if (tracking != null && tracking.midLine()) {
      System.err.println();
    }
  }

  /** Remembers whether the last byte written ended a line. */
  private static final class LineTracking extends FilterOutputStream {
    private volatile boolean midLine;

    LineTracking(OutputStream out) {
      super(out);
    }

    boolean midLine() {
      return midLine;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      midLine = b != '\n';
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (len > 0) {
        midLine = b[off + len - 1] != '\n';
      }
    }
  }
}
