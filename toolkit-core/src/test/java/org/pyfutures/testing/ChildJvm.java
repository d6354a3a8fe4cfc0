package org.pyfutures.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM: this JVM's {@code java} and class path, none of its system properties or
 * JVM options, and none of the environment's ({@code JAVA_TOOL_OPTIONS} and friends would print a line of their
 * own on stderr).
 */
public final class ChildJvm {
  private static final List<String> OPTION_VARIABLES =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  /**
   * What the child left behind.
   *
   * @param exitCode its exit code
   * @param stdout everything it wrote on stdout
   * @param stderr everything it wrote on stderr
   */
  public record Result(int exitCode, String stdout, String stderr) {}

  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code args} and waits for it to exit.
   *
   * @param main the class whose {@code main} runs
   * @param timeout how long the child may take; after that it is killed and this throws
   * @param args its arguments
   * @return its exit code and output
   * @throws IOException if it cannot be started or its output read
   * @throws InterruptedException if interrupted while waiting
   */
  public static Result run(Class<?> main, Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("child-jvm", ".out");
    Path err = Files.createTempFile("child-jvm", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      OPTION_VARIABLES.forEach(builder.environment()::remove);
      Process child = builder.start();
      try {
        if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          String stderr = Files.readString(err, StandardCharsets.UTF_8);
          throw new AssertionError(main.getName() + " did not exit within " + timeout + "; stderr:\n" + stderr);
        }
      } finally {
        if (child.isAlive()) { // timed out, or this thread was interrupted
          child.destroyForcibly().waitFor();
        }
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      return new Result(child.exitValue(), stdout, Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
