package org.pyfutures.interp.internal;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.pyfutures.BrokenExecutorException;
import org.pyfutures.BrokenInterpreterPoolException;
import org.pyfutures.Initializer;
import org.pyfutures.Task;
import org.pyfutures.internal.Serialization;
import org.pyfutures.internal.StatsCounters;
import org.pyfutures.internal.Tasks;
import org.pyfutures.internal.WorkerContext;
import org.pyfutures.internal.WorkerContextFactory;

/**
 * The interpreter pool's part of a thread pool: each worker gets an {@link InterpreterContext}, and each submitted
 * task is copied to bytes in the submitting thread, so a task that cannot be copied is rejected at once.
 *
 * <p>Not API: public only so that {@code org.pyfutures.interp.InterpreterPoolExecutor} can create it.
 */
public final class InterpreterContexts implements WorkerContextFactory {
  private final List<URL> classPath;
  private final SharedPackages sharedPackages;
  private final byte[] initializer;

  /**
   * Checks and keeps an interpreter pool's configuration.
   *
   * @param classPath the interpreters' class path
   * @param sharedPackages packages taken from the host, besides the library's own and Kryo
   * @param initializer run in each interpreter before its first task, or null
   * @throws IllegalArgumentException if a path or package name is invalid, or the initializer cannot be copied
   */
  public InterpreterContexts(List<Path> classPath, List<String> sharedPackages, Initializer initializer) {
    this.classPath = toUrls(classPath);
    this.sharedPackages = SharedPackages.with(sharedPackages);
    this.initializer = initializer == null ? null : copyInitializer(initializer);
  }

  /**
   * Returns the application class path, the entries of {@code java.class.path}.
   *
   * @return the entries, in order
   */
  public static List<Path> applicationClassPath() {
    String classPath = System.getProperty("java.class.path", "");
    return Arrays.stream(classPath.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList();
  }

  private static List<URL> toUrls(List<Path> classPath) {
    List<URL> urls = new ArrayList<>(classPath.size());
    for (Path entry : classPath) {
      try {
        urls.add(entry.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("class path entry " + entry + " is not a valid location", e);
      }
    }
    return List.copyOf(urls);
  }

  private byte[] copyInitializer(Initializer init) {
    try {
      return HostKryos.with(kryo -> Serialization.toBytes(kryo, init));
    } catch (RuntimeException | StackOverflowError e) {
      throw new IllegalArgumentException(
          "the initializer " + init.getClass().getName() + " cannot be copied into an interpreter", e);
    }
  }

  byte[] initializer() {
    return initializer;
  }

  Interpreter newInterpreter(int id) {
    return Interpreter.create(id, classPath, HostKryos.HOST, sharedPackages);
  }

  @Override
  public WorkerContext newContext(StatsCounters.Local stats) {
    return new InterpreterContext(this, Interpreter.nextId(), stats);
  }

  @Override
  public <R> Task<R> prepare(Task<R> task, StatsCounters stats) {
    try {
      long start = System.nanoTime();
      byte[] bytes = HostKryos.with(kryo -> Serialization.toBytes(kryo, Tasks.toSend(task)));
      stats.copied(System.nanoTime() - start);
      stats.sent(bytes.length);
      return Tasks.keepsResult(task)
          ? new CopiedTask<>(bytes, ((Tasks.OfRunnable<R>) task).result())
          : new CopiedTask<>(bytes);
    } catch (RuntimeException | StackOverflowError e) {
      throw new RejectedExecutionException(
          "Task of " + Tasks.userObject(task).getClass().getName() + " cannot be copied into an interpreter: "
              + rootCause(e),
          e);
    }
  }

  private static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + " (" + root + ")";
  }

  @Override
  public BrokenExecutorException broken(Throwable cause) {
    return new BrokenInterpreterPoolException(
        "An interpreter initializer failed, the interpreter pool is not usable anymore", cause);
  }
}
