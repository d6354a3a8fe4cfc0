package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Charts are optional equipment: a JDK that cannot draw skips them, while a bug in drawing code still fails. */
@Timeout(30)
class ChartsTest {
  @TempDir Path dir;

  /** A failure as a headless JDK raises it: thrown by the JDK while java.desktop loads its font library. */
  private static UnsatisfiedLinkError missingFontLibrary() {
    UnsatisfiedLinkError error =
        new UnsatisfiedLinkError("/jdk/lib/libfontmanager.so: libharfbuzz.so.0: cannot open shared object file");
    error.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(null, "java.base", "21", "jdk.internal.loader.NativeLibraries", "load", null, -2),
          new StackTraceElement(null, "java.desktop", "21", "sun.font.FontManagerNativeLibrary", "<clinit>", null, 60),
          new StackTraceElement("app", null, null, "org.knowm.xchart.BitmapEncoder", "saveBitmap", null, 138)
        });
    return error;
  }

  @Test
  void aJdkThatCannotDrawSkipsTheChartSayingWhyOnOneLine() throws IOException {
    Path png = dir.resolve("bench.png");
    Optional<String> skipped = Charts.save(png, List.of(), (panels, out) -> {
      throw missingFontLibrary();
    });
    assertTrue(skipped.orElseThrow().contains("libharfbuzz.so.0"), skipped.get());
    assertEquals(1, skipped.get().lines().count());
    assertFalse(Files.exists(png));
  }

  @Test
  void aSkippedChartRemovesAnEarlierRunsFile() throws IOException {
    Path png = Files.writeString(dir.resolve("bench.png"), "an earlier run's chart");
    assertTrue(Charts.save(png, List.of(), (panels, out) -> {
      throw missingFontLibrary();
    }).isPresent());
    assertFalse(Files.exists(png));
  }

  @Test
  void aFailureOutsideTheJdksGraphicsIsNotMistakenForAMissingFeature() {
    IllegalArgumentException bug = new IllegalArgumentException("a bug in drawing code");
    Charts.Encoder buggy = (panels, out) -> {
      throw bug;
    };
    Path png = dir.resolve("x.png");
    assertSame(bug, assertThrows(IllegalArgumentException.class, () -> Charts.save(png, List.of(), buggy)));
    assertFalse(Files.exists(png));
  }

  @Test
  void aJdkThatDrawsWritesThePngCreatingItsDirectory() throws IOException {
    Path png = dir.resolve("sub").resolve("bench.png");
    byte[] image = {(byte) 0x89, 'P', 'N', 'G'};
    assertEquals(Optional.empty(), Charts.save(png, List.of(), (panels, out) -> out.write(image)));
    assertArrayEquals(image, Files.readAllBytes(png));
  }
}
