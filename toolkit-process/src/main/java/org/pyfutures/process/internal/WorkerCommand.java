package org.pyfutures.process.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the command line of a worker JVM. */
final class WorkerCommand {
  /**
   * The pool's default worker options (reasons in docs/decisions-process.md): small and quick to start, and
   * nothing from the JVM itself on stdout, which carries the protocol.
   */
  static final List<String> DEFAULT_OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xshare:auto",
          "-XX:-UsePerfData",
          "-XX:+DisplayVMOutputToStderr",
          "-Xlog:disable",
          "-Xlog:all=warning:stderr",
          "-Dkryo.unsafe=false");

  private WorkerCommand() {}

  static List<String> build(PoolConfig config, List<String> sharingOptions, int workerNumber) {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.addAll(DEFAULT_OPTIONS);
    command.addAll(sharingOptions);
    command.addAll(config.jvmOptions());
    command.add("-cp");
    command.add(config.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(WorkerMain.CLASS_NAME);
    command.add(Integer.toString(workerNumber));
    command.add(Long.toString(ProcessHandle.current().pid()));
    return command;
  }
}
