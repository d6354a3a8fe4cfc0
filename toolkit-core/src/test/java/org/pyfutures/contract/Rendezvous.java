package org.pyfutures.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The test side of a loopback rendezvous: tasks report arrivals to it and wait on it through a serializable
 * {@link Gate}, which works the same from a pool thread, an isolated interpreter or a worker process. The test
 * waits for arrivals and opens the gate; nothing sleeps and every wait is bounded.
 */
public final class Rendezvous implements AutoCloseable {
  /** How long a task waits at a gate before failing, so a bug fails a test rather than hanging it. */
  static final int TASK_WAIT_MILLIS = 60_000;

  private final ServerSocket server;
  private final Thread acceptor;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<String> arrivals = new ArrayList<>();
  private final List<Socket> waiting = new ArrayList<>();
  private boolean open;

  /** Opens a loopback server and starts accepting. */
  public Rendezvous() {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = Thread.ofPlatform().daemon().name("rendezvous-" + server.getLocalPort()).start(this::accept);
  }

  /** Returns the handle tasks use; it is serializable and can be captured by a task lambda. */
  public Gate gate() {
    return new Gate(server.getLocalPort());
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofPlatform().daemon().start(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) {
        socket.close();
        return;
      }
      boolean waits = line.startsWith("await ");
      String tag = line.substring(line.indexOf(' ') + 1);
      boolean release;
      lock.lock();
      try {
        arrivals.add(tag);
        arrived.signalAll();
        release = !waits || open;
        if (!release) {
          waiting.add(socket);
        }
      } finally {
        lock.unlock();
      }
      if (release) {
        release(socket);
      }
    } catch (IOException e) {
      closeQuietly(socket);
    }
  }

  private static void release(Socket socket) {
    try (socket) {
      OutputStream out = socket.getOutputStream();
      out.write('\n');
      out.flush();
    } catch (IOException ignored) {
      // The task has gone; nothing to release.
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }

  /** Releases every task waiting at the gate now and lets later ones pass at once. */
  public void open() {
    List<Socket> toRelease;
    lock.lock();
    try {
      open = true;
      toRelease = List.copyOf(waiting);
      waiting.clear();
    } finally {
      lock.unlock();
    }
    toRelease.forEach(Rendezvous::release);
  }

  /**
   * Waits until at least {@code count} arrivals were reported.
   *
   * @throws AssertionError if they do not come within {@code timeout}
   */
  public void awaitArrivals(int count, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (arrivals.size() < count) {
        if (nanos <= 0) {
          throw new AssertionError("expected " + count + " arrivals within " + timeout + ", saw " + arrivals);
        }
        nanos = arrived.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to 30 seconds for {@code count} arrivals. */
  public void awaitArrivals(int count) throws InterruptedException {
    awaitArrivals(count, Duration.ofSeconds(30));
  }

  /** Returns the tags reported so far, in arrival order. */
  public List<String> arrivals() {
    lock.lock();
    try {
      return List.copyOf(arrivals);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    open();
    server.close();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The task side: reports to a {@link Rendezvous} over loopback. Blocking calls are bounded so a lost gate
   * fails the task instead of hanging it.
   *
   * @param port the rendezvous port
   */
  public record Gate(int port) implements Serializable {
    /** Reports {@code tag} and returns once it is recorded. */
    public void arrive(String tag) {
      exchange("arrive " + tag);
    }

    /** Reports {@code tag}, then waits until the gate is open. */
    public void await(String tag) {
      exchange("await " + tag);
    }

    /**
     * Reports {@code tag}, then waits until the gate is open, as {@link #await} does, except that an interrupt
     * ends the wait: what stopping a task on a thread does.
     *
     * @throws InterruptedException if the thread is interrupted while waiting; its interrupt status is cleared
     */
    public void awaitInterruptibly(String tag) throws InterruptedException {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      try (SocketChannel channel = SocketChannel.open(address);
          Selector selector = Selector.open()) {
        channel.write(ByteBuffer.wrap(("await " + tag + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TASK_WAIT_MILLIS);
        ByteBuffer released = ByteBuffer.allocate(1);
        while (true) {
          long millisLeft = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (millisLeft <= 0) {
            throw new IllegalStateException("gate not opened within " + TASK_WAIT_MILLIS + " ms for " + tag);
          }
          // Selection returns at once when the thread is interrupted, before or during it.
          selector.select(millisLeft);
          if (Thread.interrupted()) {
            throw new InterruptedException("interrupted waiting at the gate for " + tag);
          }
          int read = channel.read(released);
          if (read < 0) {
            throw new IllegalStateException("rendezvous closed before releasing " + tag);
          }
          if (read > 0) {
            return;
          }
          selector.selectedKeys().clear();
        }
      } catch (ClosedByInterruptException e) {
        Thread.interrupted();
        InterruptedException interrupted = new InterruptedException("interrupted reaching the gate for " + tag);
        interrupted.initCause(e);
        throw interrupted;
      } catch (IOException e) {
        throw new UncheckedIOException("rendezvous on port " + port + " failed for " + tag, e);
      }
    }

    /** Reports {@code tag}, waits until the gate is open and returns {@code value}. */
    public <T> T awaitThen(String tag, T value) {
      await(tag);
      return value;
    }

    private void exchange(String line) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(TASK_WAIT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (socket.getInputStream().read() < 0) {
          throw new IllegalStateException("rendezvous closed before releasing " + line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("rendezvous on port " + port + " failed for " + line, e);
      }
    }
  }
}
