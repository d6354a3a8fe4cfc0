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
      List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr", "-Dkryo.unsafe=false");

  /**
   * Stated so that a class-data-sharing archive the JVM rejects is ignored, never fatal; left out when an option
   * picks the sharing mode itself: JDK 24+ refuses {@code -Xshare} beside any {@code -XX:AOT…} option.
   */
  static final String SHARE_AUTO = "-Xshare:auto";

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

  /** Whether {@code option} chooses how the JVM shares classes, which rules out {@link #SHARE_AUTO}. */
  static boolean picksSharing(String option) {
    return option.startsWith("-Xshare") || option.startsWith("-XX:AOT") || option.startsWith("-XX:SharedArchiveFile")
        || option.startsWith("-XX:ArchiveClassesAtExit") || option.startsWith("-XX:+AutoCreateSharedArchive");
  }

  static List<String> build(PoolConfig config, List<String> sharingOptions, int workerNumber) {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.addAll(defaultOptions(config.jvmOptions()));
    boolean picked = false;
    for (String option : sharingOptions) {
      picked |= picksSharing(option);
    }
    for (String option : config.jvmOptions()) {
      picked |= picksSharing(option);
    }
    if (!picked) {
      command.add(SHARE_AUTO);
    }
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
