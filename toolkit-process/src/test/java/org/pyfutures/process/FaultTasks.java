package org.pyfutures.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.pyfutures.contract.Rendezvous;

/** Task bodies for the fault tests: static, so a method reference or lambda calling them copies cleanly. */
final class FaultTasks {
  private FaultTasks() {}

  static long pid() {
    return ProcessHandle.current().pid();
  }

  static <T> T identity(T value) {
    return value;
  }

  static Payloads.Blob echoBlob(Payloads.Blob blob) {
    return blob;
  }

  static Payloads.HookedOnRead hookedReply(int size) {
    return new Payloads.HookedOnRead(size);
  }

  static long pidOf(Object ignored) {
    return pid();
  }

  static int exit(int status) {
    System.exit(status);
    return 0;
  }

  static int halt(int status) {
    Runtime.getRuntime().halt(status);
    return 0;
  }

  /** Leaves a child process holding this worker's stdout open for {@code seconds}, then halts. */
  static int haltLeavingStdoutOpen(int seconds) throws IOException {
    new ProcessBuilder("sleep", Integer.toString(seconds))
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .start();
    Runtime.getRuntime().halt(3);
    return 0;
  }

  static int haltWithData(String data) {
    Runtime.getRuntime().halt(data.length() > 0 ? 3 : 4);
    return 0;
  }

  /** Reports {@code tag pid} at the gate, waits until it opens, returns the pid. */
  static long blockThenPid(Rendezvous.Gate gate, String tag) {
    long pid = pid();
    gate.await(tag + " " + pid);
    return pid;
  }

  /** Reports {@code tag pid} at the gate and returns the pid. */
  /**
   * Makes this worker outlast a SIGTERM (a shutdown hook that does not return while the test runs), then blocks at
   * the gate like {@link #blockThenPid}.
   */
  static long ignoreTerminationThenBlock(Rendezvous.Gate gate, String tag) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    new java.util.concurrent.CountDownLatch(1).await(60, java.util.concurrent.TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    return blockThenPid(gate, tag);
  }

  static long reportPid(Rendezvous.Gate gate, String tag) {
    long pid = pid();
    gate.arrive(tag + " " + pid);
    return pid;
  }

  static String print(String line) {
    System.out.println(line);
    System.err.println(line + " on stderr");
    return line;
  }

  static String printWithoutNewline(String text) {
    System.out.print(text);
    return text;
  }

  static int writeToRealStdout(String text) throws IOException {
    FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
    stdout.write(text.getBytes(StandardCharsets.US_ASCII));
    stdout.flush();
    return 0;
  }

  static int readStdin() throws IOException {
    return System.in.read();
  }

  static int throwUnrebuildable(String message) {
    throw new Payloads.UnrebuildableException(message);
  }

  static String env(String name) {
    return System.getenv(name);
  }

  static String property(String name) {
    return System.getProperty(name);
  }

  private static int initializations;

  static void countInitialization() {
    initializations++;
  }

  static int initializations() {
    return initializations;
  }
}
