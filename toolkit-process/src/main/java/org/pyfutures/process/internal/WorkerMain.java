package org.pyfutures.process.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.pyfutures.Initializer;
import org.pyfutures.Task;
import org.pyfutures.internal.RemoteFailure;
import org.pyfutures.process.KryoCustomizer;

/**
 * The main class of a worker JVM: reads frames from stdin, runs one task at a time on the main thread, writes one
 * reply frame per task to stdout.
 *
 * <p>Stdout carries nothing but frames: before anything can print, the real stdout is kept for the protocol,
 * {@code System.out} is pointed at stderr (which the pool forwards, prefixed, to its own stderr) and
 * {@code System.in} is emptied so task code cannot consume protocol bytes.
 *
 * <p>Every failure that concerns one task, including failing to deserialize it or to serialize its result,
 * becomes that task's {@link Frame#FAILURE}; the worker carries on. It exits with status 0 when stdin closes, and
 * by {@link ParentWatchdog} when the pool's process dies.
 *
 * <p>Arguments: worker number, pool process pid.
 */
final class WorkerMain {
  static final String CLASS_NAME = WorkerMain.class.getName();
  static final int EXIT_INITIALIZER_FAILED = 70;
  static final int EXIT_PROTOCOL_ERROR = 71;
  static final int EXIT_PARENT_GONE = 72;
  private static final long EXIT_GRACE_MILLIS = 10_000;

  private final FrameReader in;
  private final OutputStream out;
  private final ClassLoader loader = ClassLoader.getSystemClassLoader();
  private KryoFactory kryos = new KryoFactory(loader, null);
  private Kryo kryo = kryos.newKryo();

  private WorkerMain(InputStream in, OutputStream out) {
    this.in = new FrameReader(in);
    this.out = out;
  }

  public static void main(String[] args) {
    OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
    InputStream protocolIn = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
    WorkerStdio.install();
    System.setIn(InputStream.nullInputStream());
    ParentWatchdog.start(Long.parseLong(args[1]));
    int status;
    try {
      status = new WorkerMain(protocolIn, protocolOut).run();
    } catch (IOException | RuntimeException | Error e) {
      System.err.println("worker " + args[0] + " stopped by a protocol error");
      e.printStackTrace();
      status = EXIT_PROTOCOL_ERROR;
    }
    exit(status);
  }

  /** Exits, running shutdown hooks; halts instead if a hook keeps the JVM from exiting. */
  private static void exit(int status) {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                Thread.sleep(EXIT_GRACE_MILLIS);
              } catch (InterruptedException e) {
                // Halt anyway.
              }
              Runtime.getRuntime().halt(status);
            });
    System.exit(status);
  }

  private int run() throws IOException {
    Thread.currentThread().setContextClassLoader(loader);
    Frame hello = in.next();
    if (hello == null) {
      return 0;
    }
    if (hello.type() != Frame.HELLO) {
      throw new CorruptStreamException("expected HELLO, read " + hello);
    }
    byte[] config = in.readPayload();
    try {
      KryoCustomizer customizer = Hello.customizer(config, loader);
      kryos = new KryoFactory(loader, customizer);
      kryo = kryos.newKryo();
      Initializer initializer = Hello.initializer(config, kryo);
      if (initializer != null) {
        initializer.run();
      }
    } catch (Throwable t) {
      WorkerStdio.endOfTask();
      send(failure(Frame.INIT_FAILED, 0, t));
      return EXIT_INITIALIZER_FAILED;
    }
    WorkerStdio.endOfTask();
    byte[] pid = new byte[8];
    long self = ProcessHandle.current().pid();
    for (int i = 0; i < 8; i++) {
      pid[i] = (byte) (self >>> (56 - 8 * i));
    }
    send(EncodedFrame.ofPayload(Frame.READY, 0, pid));
    for (Frame frame; (frame = in.next()) != null; ) {
      if (frame.type() != Frame.TASK) {
        throw new CorruptStreamException("expected TASK, read " + frame);
      }
      send(run(frame));
    }
    return 0;
  }

  private void send(EncodedFrame frame) throws IOException {
    frame.writeTo(out);
  }

  private EncodedFrame run(Frame frame) throws IOException {
    long id = frame.id();
    Task<?> task;
    try {
      task = (Task<?>) in.decodePayload(kryo);
    } catch (UndecodablePayloadException e) {
      renewKryo();
      return failure(Frame.FAILURE, id, e.getCause());
    } catch (ClassCastException e) {
      return failure(Frame.FAILURE, id, e);
    }
    // An interrupt left over from the previous task must not reach this one.
    Thread.interrupted();
    Object result;
    try {
      result = task.call();
    } catch (Throwable t) {
      WorkerStdio.endOfTask();
      return failure(Frame.FAILURE, id, t);
    }
    WorkerStdio.endOfTask();
    try {
      return EncodedFrame.of(kryo, Frame.RESULT, id, result);
    } catch (Throwable t) {
      renewKryo();
      return failure(Frame.FAILURE, id, t);
    }
  }

  /** Encodes a failure; whatever goes wrong on the way, some description of {@code t} is sent. */
  private EncodedFrame failure(byte type, long id, Throwable t) {
    RemoteFailure captured;
    try {
      captured = RemoteFailure.capture(kryo, t);
    } catch (Throwable describing) {
      String name = t.getClass().getName();
      String message = "(could not be described: " + describing + ")";
      captured = new RemoteFailure(null, name, message, new StackTraceElement[0], name);
    }
    if (captured.exception() == null) {
      renewKryo();
    }
    try {
      return EncodedFrame.of(kryo, type, id, captured);
    } catch (Throwable encoding) {
      renewKryo();
      RemoteFailure bare =
          new RemoteFailure(null, captured.className(), captured.message(), new StackTraceElement[0], captured.trace());
      return EncodedFrame.of(kryo, type, id, bare);
    }
  }

  /** A Kryo that threw may keep state from the failed call (Kryo #1283); start over with a fresh one. */
  private void renewKryo() {
    kryo = kryos.newKryo();
  }

}
