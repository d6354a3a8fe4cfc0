package org.pyfutures.process.internal.host;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pyfutures.process.internal.wire.WorkerExit;

/** Builds the command line of a worker JVM. */
final class WorkerCommand {
  /**
   * Options every worker needs: nothing from the JVM itself may reach stdout, which carries the protocol (VM
   * messages and unified logging, whose default output is stdout, go to stderr), and no warnings about Kryo's use
   * of {@code sun.misc.Unsafe}.
   */
  static final List<String> REQUIRED_OPTIONS =
      List.of(
          "-XX:+DisplayVMOutputToStderr",
          "-Xlog:disable",
          "-Xlog:all=warning:stderr",
          "-Xshare:auto",
          "-Dkryo.unsafe=false");

  /**
   * Options that make a worker start faster and smaller (measurements in docs/decisions-process.md): the serial
   * collector, unless the user picks another, and no hsperfdata file.
   */
  static final List<String> LEAN_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData");

  private WorkerCommand() {}

  /** The options before the user's: required, then lean ones the user's do not override. */
  static List<String> defaultOptions(List<String> userOptions) {
    List<String> options = new ArrayList<>(REQUIRED_OPTIONS);
    boolean userPicksGc = userOptions.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
    for (String lean : LEAN_OPTIONS) {
      if (!(userPicksGc && lean.equals("-XX:+UseSerialGC"))) {
        options.add(lean);
      }
    }
    return options;
  }

  static List<String> build(PoolConfig config, List<String> sharingOptions, int workerNumber) {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.addAll(defaultOptions(config.jvmOptions()));
    command.addAll(sharingOptions);
    command.addAll(config.jvmOptions());
    command.add("-cp");
    command.add(config.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(WorkerExit.MAIN_CLASS);
    command.add(Integer.toString(workerNumber));
    command.add(Long.toString(ProcessHandle.current().pid()));
    return command;
  }
}
