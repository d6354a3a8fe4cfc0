package org.pyfutures.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which archive local members get, and when a recorded one is kept. */
@Timeout(30)
class MemberArchiveTest {
  private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC");

  @TempDir Path tmp;

  private Path jar(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }

  @Test
  void aRebuiltJarOrOtherOptionsGetAnotherArchive() throws IOException {
    Path dir = tmp.resolve("cache");
    Path jar = jar("app.jar", "one");
    Path first = MemberArchive.of(dir, List.of(jar), OPTIONS).file();
    assertEquals(first, MemberArchive.of(dir, List.of(jar), OPTIONS).file());
    assertNotEquals(first, MemberArchive.of(dir, List.of(jar), List.of("-XX:+UseParallelGC")).file());
    Files.writeString(jar, "two");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
    assertNotEquals(first, MemberArchive.of(dir, List.of(jar), OPTIONS).file());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
  }

  @Test
  void aClassPathWithADirectoryHasNoArchive() throws IOException {
    Path classes = Files.createDirectory(tmp.resolve("classes"));
    assertNull(MemberArchive.of(tmp.resolve("cache"), List.of(jar("app.jar", "x"), classes), OPTIONS));
  }

  @Test
  void oneMemberRecordsAndACleanExitPutsTheArchiveInPlace() throws IOException {
    MemberArchive archive = MemberArchive.of(tmp.resolve("cache"), List.of(jar("app.jar", "x")), OPTIONS);
    assertNotNull(archive);
    MemberArchive.Launch recorder = archive.launch(true);
    assertNotNull(recorder.recording());
    assertEquals(List.of("-XX:ArchiveClassesAtExit=" + recorder.recording()), recorder.options());
    assertEquals(new MemberArchive.Launch(List.of(), null), archive.launch(false));

    Files.writeString(recorder.recording(), "archive");
    archive.recorded(recorder.recording(), 0);
    archive.recorded(recorder.recording(), 0);
    assertFalse(Files.exists(recorder.recording()));
    assertEquals("archive", Files.readString(archive.file()));
    assertEquals(
        new MemberArchive.Launch(List.of("-XX:SharedArchiveFile=" + archive.file()), null), archive.launch(true));
  }

  @Test
  void aMemberThatDidNotExitCleanlyLeavesNoArchive() throws IOException {
    MemberArchive archive = MemberArchive.of(tmp.resolve("cache"), List.of(jar("app.jar", "x")), OPTIONS);
    MemberArchive.Launch recorder = archive.launch(true);
    Files.writeString(recorder.recording(), "half an archive");
    archive.recorded(recorder.recording(), 137);
    assertFalse(Files.exists(recorder.recording()));
    assertFalse(Files.exists(archive.file()));
  }

  @Test
  void recordingsOfDeadHostsAndOldArchivesAreDeletedWhenRecording() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cache"));
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(20, TimeUnit.SECONDS));
    Path stale = Files.writeString(dir.resolve("member-abc.jsa." + gone.pid() + "-1.tmp"), "x");
    Path live = Files.writeString(dir.resolve("member-abc.jsa." + ProcessHandle.current().pid() + "-1.tmp"), "x");
    for (int i = 0; i < MemberArchive.KEPT + 2; i++) {
      Path old = Files.writeString(dir.resolve("member-old" + i + ".jsa"), "x");
      Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    MemberArchive archive = MemberArchive.of(dir, List.of(jar("app.jar", "x")), OPTIONS);
    archive.launch(true);
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(live));
    try (var files = Files.list(dir)) {
      List<String> archives = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsa")).toList();
      // The newest KEPT - 1 old ones, and room for the one being recorded.
      assertEquals(MemberArchive.KEPT - 1, archives.size(), archives.toString());
      assertTrue(archives.contains("member-old" + (MemberArchive.KEPT + 1) + ".jsa"), archives.toString());
    }
  }
}
