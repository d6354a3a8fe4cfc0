package org.pyfutures.cluster.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A class-data-sharing archive per local member slot, created by the JVM itself the first time
 * ({@code -XX:+AutoCreateSharedArchive}) and mapped at every later start: Hazelcast loads thousands of classes,
 * and on a busy machine loading them is most of a member's start. Only for a class path of jar files, the one
 * kind an archive can cover; each member slot has its own file, so members that exit together never write the
 * same one. The JVM's unified logging is off in members: archive checks log harmless mismatches (the module
 * options Hazelcast asks for) at error level, to stdout.
 */
final class MemberArchive {
  private MemberArchive() {}

  static List<String> options(int index) {
    String classPath = System.getProperty("java.class.path", "");
    boolean allJars =
        !classPath.isEmpty()
            && Arrays.stream(classPath.split(File.pathSeparator))
                .allMatch(e -> e.endsWith(".jar") && Files.isRegularFile(Path.of(e)));
    if (!allJars) {
      return List.of("-Xlog:disable");
    }
    String key =
        Integer.toHexString((classPath + System.getProperty("java.home") + Runtime.version()).hashCode());
    Path archive =
        Path.of(System.getProperty("java.io.tmpdir"), "pyfutures-member-" + key + "-" + index + ".jsa");
    return List.of(
        "-XX:SharedArchiveFile=" + archive,
        "-XX:+AutoCreateSharedArchive",
        "-Xlog:disable");
  }
}
