package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.internal.InternalFutureFailureAccess;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyfutures.Future;
import org.pyfutures.cluster.ClusterExecutor;
import org.pyfutures.interp.InterpreterPoolExecutor;
import org.pyfutures.process.ProcessPoolExecutor;

/**
 * The library on the module path: its descriptors export only the API, and an application that puts the jars on
 * {@code --module-path} can still use the interpreter pool (child-first loaders) and the process pool (workers on
 * the class path). Each case runs a small application, compiled here, in a fresh JVM.
 */
@Timeout(300)
class ModulePathTest {
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

  /** The application: where each pool ran its tasks, one line per pool. */
  private static final String MAIN =
      """
      package demo.tasks;

      import java.io.File;
      import java.nio.file.Path;
      import java.time.Duration;
      import java.util.ArrayList;
      import java.util.List;
      import org.pyfutures.Task;
      import org.pyfutures.interp.InterpreterPoolExecutor;
      import org.pyfutures.process.ProcessPoolExecutor;

      public final class Main {
        static String where() {
          return ProcessHandle.current().pid() + " " + Main.class.getClassLoader().getName() + " "
              + Main.class.getModule().getName();
        }

        static int twice(int x) {
          return 2 * x;
        }

        /** A user type with private state, which Kryo reads and writes reflectively. */
        static final class Box {
          private final int value;

          Box(int value) {
            this.value = value;
          }
        }

        static Box grow(Box box) {
          return new Box(box.value + 22);
        }

        public static void main(String[] args) throws Exception {
          Duration wait = Duration.ofSeconds(60);
          int base = 40;
          System.out.println("host " + where());
          // The interpreters load this application from where it lives, whether that is a module or not.
          try (InterpreterPoolExecutor pool =
              InterpreterPoolExecutor.builder().maxWorkers(1).classpath(List.of(Path.of(args[0]))).build()) {
            System.out.println("interp " + pool.submit((Task<String>) Main::where).result(wait));
            System.out.println("interp-lambda " + pool.submit((Task<Integer>) () -> base + 2).result(wait));
            System.out.println("interp-fn " + pool.submit(Main::twice, 21).result(wait));
            System.out.println("interp-box " + pool.submit(Main::grow, new Box(20)).result(wait).value);
          }
          // Workers run on the class path: this JVM's module path and class path together.
          List<Path> workerClasspath = new ArrayList<>();
          for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
              if (!entry.isEmpty()) {
                workerClasspath.add(Path.of(entry));
              }
            }
          }
          try (ProcessPoolExecutor pool =
              ProcessPoolExecutor.builder().maxWorkers(1).classpath(workerClasspath).build()) {
            System.out.println("process " + pool.submit((Task<String>) Main::where).result(wait));
            System.out.println("process-lambda " + pool.submit((Task<Integer>) () -> base + 2).result(wait));
            System.out.println("process-fn " + pool.submit(Main::twice, 21).result(wait));
            System.out.println("process-box " + pool.submit(Main::grow, new Box(20)).result(wait).value);
          }
        }
      }
      """;

  /**
   * The application as a module: it reads the pools' modules, and opens (or not) its task package, since Kryo reads
   * and writes its objects' private fields.
   */
  private static String moduleInfo(String opens) {
    return """
        module demo.tasks {
          requires org.pyfutures.interp;
          requires org.pyfutures.process;
          %s
        }
        """
        .formatted(opens);
  }

  private static List<Path> libraries;

  @BeforeAll
  static void findLibraries() {
    libraries =
        List.of(
            location(Future.class),
            location(InterpreterPoolExecutor.class),
            location(ProcessPoolExecutor.class),
            location(ListenableFuture.class),
            location(InternalFutureFailureAccess.class),
            location(Kryo.class));
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theLibraryModulesExportOnlyTheirApiPackages() {
    Map<String, ModuleDescriptor> modules = new HashMap<>();
    List<Path> all = new ArrayList<>(libraries);
    all.add(location(ClusterExecutor.class));
    for (ModuleReference ref : ModuleFinder.of(all.toArray(Path[]::new)).findAll()) {
      modules.put(ref.descriptor().name(), ref.descriptor());
    }
    Map<String, String> api =
        Map.of(
            "org.pyfutures", "org.pyfutures",
            "org.pyfutures.process", "org.pyfutures.process",
            "org.pyfutures.interp", "org.pyfutures.interp",
            "org.pyfutures.cluster", "org.pyfutures.cluster");
    api.forEach(
        (module, apiPackage) -> {
          ModuleDescriptor descriptor = modules.get(module);
          assertTrue(descriptor != null && !descriptor.isAutomatic(), module + " has a module descriptor");
          Set<String> unqualified =
              descriptor.exports().stream()
                  .filter(e -> !e.isQualified())
                  .map(ModuleDescriptor.Exports::source)
                  .collect(Collectors.toSet());
          assertEquals(Set.of(apiPackage), unqualified, module + " exports only its API");
          descriptor.exports().stream()
              .filter(ModuleDescriptor.Exports::isQualified)
              .forEach(e -> assertTrue(e.targets().stream().allMatch(t -> t.startsWith("org.pyfutures")), e.toString()));
          descriptor.opens().forEach(o -> assertTrue(o.isQualified(), module + " opens " + o.source() + " to all"));
        });
    assertEquals(
        Set.of("org.pyfutures.process", "org.pyfutures.interp", "org.pyfutures.cluster"),
        modules.get("org.pyfutures").exports().stream()
            .filter(e -> e.source().equals("org.pyfutures.internal"))
            .findFirst()
            .orElseThrow()
            .targets());
  }

  @Test
  void anApplicationOnTheClassPathUsesBothPoolsWithTheLibraryOnTheModulePath(@TempDir Path dir) throws Exception {
    Path classes = compile(dir.resolve("src"), dir.resolve("classes"), null);
    List<String> command =
        List.of(
            "--module-path", join(libraries),
            "--add-modules", "org.pyfutures.interp,org.pyfutures.process",
            "-cp", classes.toString(),
            "demo.tasks.Main", classes.toString());
    checkRun(run(command), "null");
  }

  /** What the README asks of an application module: open the task packages to Kryo; to pyfutures as well is fine. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "opens demo.tasks to com.esotericsoftware.kryo.kryo5;",
        "opens demo.tasks to com.esotericsoftware.kryo.kryo5, org.pyfutures;"
      })
  void anApplicationModuleThatOpensItsTasksToKryoUsesBothPools(String opens, @TempDir Path dir) throws Exception {
    checkRun(runModule(dir, opens), "demo.tasks");
  }

  @Test
  void anApplicationModuleThatDoesNotOpenItsTasksIsToldWhatToOpen(@TempDir Path dir) throws Exception {
    Run run = runModule(dir, "");
    assertNotEquals(0, run.exitCode(), run.toString());
    assertTrue(
        run.stderr().contains("does not \"opens demo.tasks\" to module com.esotericsoftware.kryo.kryo5"),
        run.toString());
  }

  private static Run runModule(Path dir, String opens) throws IOException, InterruptedException {
    Path classes = compile(dir.resolve("src"), dir.resolve("classes"), opens);
    List<Path> modulePath = new ArrayList<>(libraries);
    modulePath.add(classes);
    return run(List.of("--module-path", join(modulePath), "-m", "demo.tasks/demo.tasks.Main", classes.toString()));
  }

  private static void checkRun(Run run, String hostModule) {
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("", run.stderr(), run.toString());
    Map<String, String> lines = new HashMap<>();
    for (String line : run.stdout().split("\\R")) {
      int space = line.indexOf(' ');
      lines.put(line.substring(0, space), line.substring(space + 1));
    }
    String[] host = lines.get("host").split(" ");
    assertEquals(List.of("app", hostModule), List.of(host[1], host[2]), run.toString());
    String[] interp = lines.get("interp").split(" ");
    assertEquals(host[0], interp[0], "same process: " + run);
    assertNotEquals("app", interp[1], "the interpreter's own copy of the task class: " + run);
    assertEquals("null", interp[2], "an interpreter's classes are in its loader's unnamed module: " + run);
    assertEquals("42", lines.get("interp-lambda"), run.toString());
    assertEquals("42", lines.get("interp-fn"), run.toString());
    assertEquals("42", lines.get("interp-box"), run.toString());
    String[] process = lines.get("process").split(" ");
    assertNotEquals(host[0], process[0], "another process: " + run);
    assertEquals(List.of("app", "null"), List.of(process[1], process[2]), "a worker runs on the class path: " + run);
    assertEquals("42", lines.get("process-lambda"), run.toString());
    assertEquals("42", lines.get("process-fn"), run.toString());
    assertEquals("42", lines.get("process-box"), run.toString());
  }

  /** Compiles the application, as a module with these {@code opens} or, if null, for the class path. */
  private static Path compile(Path src, Path out, String opens) throws IOException {
    Path main = src.resolve("demo/tasks/Main.java");
    Files.createDirectories(main.getParent());
    Files.writeString(main, MAIN, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none", "-Xlint:none"));
    if (opens != null) {
      Path info = src.resolve("module-info.java");
      Files.writeString(info, moduleInfo(opens), StandardCharsets.UTF_8);
      args.addAll(List.of("--module-path", join(libraries), info.toString()));
    } else {
      args.addAll(List.of("-cp", join(libraries)));
    }
    args.add(main.toString());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, status, "javac: " + errors.toString(StandardCharsets.UTF_8));
    return out;
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  record Run(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** Runs this JVM's {@code java} with {@code args}, without the environment's JVM options, and waits, bounded. */
  private static Run run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Path out = Files.createTempFile("module-path", ".out");
    Path err = Files.createTempFile("module-path", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(builder.environment()::remove);
      Process child = builder.start();
      try {
        if (!child.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError(
              "no exit within " + CHILD_TIMEOUT + "; stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
      } finally {
        if (child.isAlive()) {
          child.destroyForcibly().waitFor();
        }
      }
      return new Run(
          child.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
