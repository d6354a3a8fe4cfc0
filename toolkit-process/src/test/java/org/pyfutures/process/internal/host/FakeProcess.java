package org.pyfutures.process.internal.host;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker process that is not one: it prints fixed bytes on its stdout and has already exited with a fixed status.
 * Lets the host's handling of worker exits be tested in milliseconds, without starting JVMs.
 */
final class FakeProcess extends Process {
  private static final AtomicLong PIDS = new AtomicLong(4_000_000_000L);

  private final long pid = PIDS.incrementAndGet();
  private final byte[] stdout;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  FakeProcess(byte[] stdout, int status) {
    this.stdout = stdout;
    exit.complete(status);
  }

  static WorkerLauncher.Processes launching(byte[] stdout, int status, AtomicLong launches) {
    return (command, environment) -> {
      launches.incrementAndGet();
      return new FakeProcess(stdout, status);
    };
  }

  @Override
  public OutputStream getOutputStream() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(stdout);
  }

  @Override
  public InputStream getErrorStream() {
    return InputStream.nullInputStream();
  }

  @Override
  public int waitFor() {
    return exit.join();
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int exitValue() {
    return exit.getNow(null);
  }

  @Override
  public void destroy() {}

  @Override
  public Process destroyForcibly() {
    return this;
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return exit.thenApply(status -> this);
  }
}
