package org.pyfutures.process.internal.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.pyfutures.Initializer;
import org.pyfutures.internal.CopiedCall;
import org.pyfutures.internal.RemoteFailure;
import org.pyfutures.internal.RenewingKryo;
import org.pyfutures.process.KryoCustomizer;
import org.pyfutures.process.internal.shm.SharedMemory;
import org.pyfutures.process.internal.shm.SharedSender;
import org.pyfutures.process.internal.wire.CorruptStreamException;
import org.pyfutures.process.internal.wire.EncodedFrame;
import org.pyfutures.process.internal.wire.Frame;
import org.pyfutures.process.internal.wire.FrameReader;
import org.pyfutures.process.internal.wire.Hello;
import org.pyfutures.process.internal.wire.KryoFactory;
import org.pyfutures.process.internal.wire.ReplyEncoder;
import org.pyfutures.process.internal.wire.UndecodablePayloadException;
import org.pyfutures.process.internal.wire.WorkerExit;

/**
 * The main class of a worker JVM: reads frames from stdin, runs one task at a time on the main thread, writes one
 * reply frame per task to stdout.
 *
 * <p>Each reply is flushed as soon as it is written, never held back to leave with the next: a reply still in this
 * process's buffers would die with it, and the pool, which puts the tasks a dead worker never started back in its
 * queue, would run that task a second time.
 *
 * <p>Stdout carries nothing but frames: before anything can print, the real stdout is kept for the protocol,
 * {@code System.out} is pointed at stderr (which the pool forwards, prefixed, to its own stderr) and
 * {@code System.in} is emptied so task code cannot consume protocol bytes.
 *
 * <p>Every failure that concerns one task, including failing to deserialize it or to serialize its result,
 * becomes that task's {@link Frame#FAILURE} ({@link CopiedCall}); the worker carries on. It exits with status 0
 * when stdin closes, and by {@link ParentWatchdog} when the pool's process dies.
 *
 * <p>Arguments: worker number, pool process pid.
 */
public final class WorkerMain {
  private static final long EXIT_GRACE_MILLIS = 10_000;

  private final FrameReader in;
  private final OutputStream out;
  private final ClassLoader loader = ClassLoader.getSystemClassLoader();
  private RenewingKryo kryo;
  private long maxMemory;
  private SharedSender replies;
  private ReplyEncoder encoder;

  private WorkerMain(InputStream in, OutputStream out) {
    this.in = new FrameReader(in);
    this.out = out;
  }

  /**
   * Runs the worker.
   *
   * @param args worker number, pool process pid
   */
  public static void main(String[] args) {
    OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
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
      status = WorkerExit.PROTOCOL_ERROR;
    }
    exit(status);
  }

  /**
   * Exits, running shutdown hooks; halts instead if a hook keeps the JVM from exiting.
   *
   * <p>A clean exit with no other thread keeping the JVM alive returns from {@code main} instead of calling
   * {@link System#exit}: the launcher's {@code DestroyJavaVM} runs the same shutdown hooks, but skips the logging
   * set-up {@code Runtime.exit} does on JDK 21+ to log the call (about 15 ms of a worker's exit, measured in
   * docs/benchmarks-process.md).
   */
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
    if (status == 0 && noOtherNonDaemonThread()) {
      WorkerStdio.endOfTask();
      return;
    }
    System.exit(status);
  }

  /** Whether the calling thread is the only live non-daemon platform thread (virtual threads are daemons). */
  private static boolean noOtherNonDaemonThread() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    if (n == threads.length) {
      return false; // Too many to be sure.
    }
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive()) {
        return false;
      }
    }
    return true;
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
    maxMemory = Hello.maxWorkerMemory(config);
    SharedMemory shared = SharedMemory.forWorker(Hello.sharedMemory(config));
    in.useSharedRegions(shared.workerReceiver());
    replies = shared.workerSender();
    encoder = new ReplyEncoder(replies);
    RemoteFailure initFailure = null;
    try {
      KryoCustomizer customizer = Hello.customizer(config, loader);
      kryo = new RenewingKryo(new KryoFactory(loader, customizer)::newKryo);
    } catch (Throwable t) {
      // The customizer itself failed: there is no configured Kryo to describe it with.
      kryo = new RenewingKryo(new KryoFactory(loader, null)::newKryo);
      initFailure = CopiedCall.capture(kryo, t);
    }
    if (initFailure == null) {
      initFailure =
          CopiedCall.run(kryo, k -> initializerOrNothing(config, k), (k, none) -> none, WorkerStdio::endOfTask)
              .failure();
    }
    if (initFailure != null) {
      WorkerStdio.endOfTask();
      send(writeFailure(Frame.INIT_FAILED, 0, initFailure));
      return WorkerExit.INITIALIZER_FAILED;
    }
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
      EncodedFrame reply = call(frame.id());
      if (maxMemory > 0 && ResidentMemory.bytes() > maxMemory) {
        // Before the reply, so that the pool sends no further task to this worker.
        EncodedFrame.ofPayload(Frame.RETIRING, 0, new byte[0]).writeUnflushed(out);
      }
      send(reply);
    }
    return 0;
  }

  private static Initializer initializerOrNothing(byte[] config, com.esotericsoftware.kryo.kryo5.Kryo k) {
    Initializer initializer = Hello.initializer(config, k);
    return initializer != null ? initializer : () -> {};
  }

  private void send(EncodedFrame frame) throws IOException {
    (replies == null ? frame : replies.divert(frame)).writeTo(out);
  }


  private EncodedFrame call(long id) throws IOException {
    CopiedCall.Outcome<EncodedFrame> outcome;
    try {
      outcome =
          CopiedCall.run(kryo, this::readTask, (k, result) -> encoder.encode(k, Frame.RESULT, id, result), WorkerStdio::endOfTask);
    } catch (CopiedCall.ChannelException e) {
      throw e.getCause();
    }
    if (outcome.failure() == null) {
      outcome.result().setReplyCost(outcome.copyNanos(), outcome.runNanos());
      return outcome.result();
    }
    long start = System.nanoTime();
    EncodedFrame failure;
    try {
      failure = CopiedCall.writeFailure(kryo, outcome.failure(), (k, f) -> EncodedFrame.ofReply(k, Frame.FAILURE, id, f));
    } catch (Exception e) {
      throw new IOException("could not write even a bare failure", e);
    }
    failure.setReplyCost(outcome.copyNanos() + System.nanoTime() - start, outcome.runNanos());
    return failure;
  }

  private Object readTask(com.esotericsoftware.kryo.kryo5.Kryo k) throws Exception {
    try {
      return in.decodePayload(k);
    } catch (UndecodablePayloadException e) {
      throw e.getCause() instanceof Exception cause ? cause : new RuntimeException(e.getCause());
    } catch (IOException e) {
      throw new CopiedCall.ChannelException(e);
    }
  }

  private EncodedFrame writeFailure(byte type, long id, RemoteFailure failure) throws IOException {
    try {
      return CopiedCall.writeFailure(kryo, failure, (k, f) -> EncodedFrame.of(k, type, id, f));
    } catch (Exception e) {
      throw new IOException("could not write even a bare failure", e);
    }
  }
}
