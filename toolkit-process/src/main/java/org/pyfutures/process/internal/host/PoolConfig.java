package org.pyfutures.process.internal.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pyfutures.Initializer;
import org.pyfutures.process.KryoCustomizer;
import org.pyfutures.process.OnWorkerDeath;

/**
 * Everything a process pool is configured with, defaults resolved.
 *
 * @param maxWorkers the most worker processes, at least 1
 * @param maxTasksPerChild tasks after which a worker is replaced, or 0 for never
 * @param initializer runs in each worker before its first task, or null
 * @param kryoCustomizer configures Kryo on both sides, or null
 * @param javaExecutable the {@code java} launcher for workers
 * @param classpath the workers' class path
 * @param jvmOptions options added after the pool's defaults
 * @param environment variables added to the inherited environment
 * @param classDataSharing whether to keep and use a class-data-sharing archive when the class path is all jars
 * @param loader resolves class names in this process when results and exceptions are read
 * @param onWorkerDeath what an unexpected worker death does
 * @param taskTimeout how long a task may run before its worker is killed, or null for no limit
 * @param maxWorkerMemory resident memory after which a worker retires, or 0 for no limit
 */
public record PoolConfig(
    int maxWorkers,
    int maxTasksPerChild,
    Initializer initializer,
    KryoCustomizer kryoCustomizer,
    Path javaExecutable,
    List<Path> classpath,
    List<String> jvmOptions,
    Map<String, String> environment,
    boolean classDataSharing,
    ClassLoader loader,
    OnWorkerDeath onWorkerDeath,
    Duration taskTimeout,
    long maxWorkerMemory) {

  /** Copies the lists and map so later changes by the caller do not reach the pool. */
  public PoolConfig {
    classpath = List.copyOf(classpath);
    jvmOptions = List.copyOf(jvmOptions);
    environment = Map.copyOf(environment);
  }

  /**
   * Returns this JVM's {@code java} launcher: {@code java.home/bin/java}, else the command this process was
   * started with.
   *
   * @return the launcher's path
   */
  public static Path defaultJavaExecutable() {
    Path home = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
    if (Files.isExecutable(home)) {
      return home;
    }
    return ProcessHandle.current().info().command().map(Path::of).orElse(home);
  }

  /**
   * Returns this JVM's class path, {@code java.class.path}, followed by its module path, {@code jdk.module.path}.
   *
   * @return its entries
   */
  public static List<Path> defaultClasspath() {
    // A worker always runs on the class path: an application launched on the module path brings its module path.
    String paths = System.getProperty("java.class.path", "") + File.pathSeparator
        + System.getProperty("jdk.module.path", "");
    return Arrays.stream(paths.split(File.pathSeparator)).filter(s -> !s.isEmpty()).distinct().map(Path::of).toList();
  }

  /**
   * Returns the loader that resolves classes of results in this process: the caller's context class loader,
   * else the loader of the pool's classes.
   *
   * @return the loader
   */
  public static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : PoolConfig.class.getClassLoader();
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }
}
