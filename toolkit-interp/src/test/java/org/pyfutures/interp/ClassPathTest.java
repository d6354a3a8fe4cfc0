package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Future;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.Task;
import org.pyfutures.contract.Rendezvous;
import org.pyfutures.interp.hostside.SharedCounter;

/** What an interpreter loads itself, what it takes from the host, and what happens when a class is missing. */
@Timeout(60)
class ClassPathTest {
  private static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static String loaderNameOf(Class<?> type) {
    return String.valueOf(type.getClassLoader() == null ? "boot" : type.getClassLoader().getName());
  }

  record Constant(int value) implements Task<Integer> {
    @Override
    public Integer call() {
      return value;
    }
  }

  private static InterpreterPoolExecutor poolWithEmptyClassPath() {
    return InterpreterPoolExecutor.builder().maxWorkers(1).classpath(List.of()).build();
  }

  private static void assertMissing(Class<?> expected, Future<Integer> future) {
    TypeNotPresentException missing = assertThrows(TypeNotPresentException.class, future::result);
    assertEquals(expected.getName(), missing.typeName());
    RemoteTraceback where = assertInstanceOf(RemoteTraceback.class, missing.getSuppressed()[0]);
    assertTrue(where.remoteTrace().contains("is not on the class path of interpreter-"), where.remoteTrace());
  }

  @Test
  void aLambdaWhoseClassIsMissingFromTheClassPathFailsNamingItNeverFallingBackToTheHost() {
    try (InterpreterPoolExecutor pool = poolWithEmptyClassPath()) {
      assertMissing(ClassPathTest.class, pool.submit(() -> 42));
    }
  }

  @Test
  void anObjectWhoseClassIsMissingFromTheClassPathFailsNamingItNeverFallingBackToTheHost() {
    try (InterpreterPoolExecutor pool = poolWithEmptyClassPath()) {
      assertMissing(Constant.class, pool.submit(new Constant(42)));
      assertMissing(Constant.class, pool.submit(new Constant(43)));
    }
  }

  /** Probes for an optional class when initialized, as libraries do; initialized while a task is being read. */
  record Probing(int value) {
    static final String OPTIONAL_DEPENDENCY = probe();

    private static String probe() {
      try {
        Class.forName("com.example.optional.NotThere");
        return "present";
      } catch (ClassNotFoundException e) {
        return "absent";
      }
    }
  }

  @Test
  void codeRunWhileATaskIsReadStillGetsClassNotFoundExceptionForAMissingClass() {
    try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      String seen = pool.submit((Probing p) -> Probing.OPTIONAL_DEPENDENCY + " " + p.value(), new Probing(7)).result();
      assertEquals("absent 7", seen);
    }
  }

  static String guavaPadding() {
    return com.google.common.base.Strings.padStart("7", 3, '0');
  }

  @Test
  void aClassMissingWhileATaskRunsIsANoClassDefFoundErrorNamingIt() {
    InterpreterPoolExecutor pool =
        InterpreterPoolExecutor.builder()
            .maxWorkers(1)
            .classpath(List.of(locationOf(ClassPathTest.class), locationOf(InterpreterPoolExecutor.class)))
            .build();
    try (pool) {
      assertEquals("007", guavaPadding());
      NoClassDefFoundError missing =
          assertThrows(NoClassDefFoundError.class, pool.submit(ClassPathTest::guavaPadding)::result);
      assertTrue(missing.getMessage().contains("com/google/common/base/Strings"), missing.getMessage());
      assertTrue(
          String.valueOf(missing.getCause()).contains("is not on the class path of interpreter-"),
          String.valueOf(missing.getCause()));
    }
  }

  @Test
  void theLibraryAndKryoAreSharedButOtherPackagesUnderOrgPyfuturesAreNot() {
    try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      String inside =
          pool.submit(
                  () -> loaderNameOf(Task.class)
                      + " " + loaderNameOf(org.pyfutures.internal.Serialization.class)
                      + " " + loaderNameOf(com.esotericsoftware.kryo.kryo5.Kryo.class)
                      + " " + loaderNameOf(Rendezvous.class)
                      + " " + loaderNameOf(InterpreterPoolExecutor.class)
                      + " " + loaderNameOf(String.class)
                      + " " + loaderNameOf(java.sql.Connection.class))
              .result();
      assertTrue(
          inside.matches("app app app interpreter-\\d+ interpreter-\\d+ boot platform"), inside);
    }
  }

  /** Uses the library's API, including the Guava types it exposes, from inside an interpreter. */
  static String useFuturesApi() {
    org.pyfutures.Future<String> future = new org.pyfutures.Future<>();
    String timedOut;
    try {
      future.result(java.time.Duration.ZERO);
      timedOut = "not timed out";
    } catch (com.google.common.util.concurrent.UncheckedTimeoutException e) {
      timedOut = "timed out";
    }
    future.setResult("done");
    com.google.common.util.concurrent.ListenableFuture<String> listenable = future;
    return timedOut + ", " + com.google.common.util.concurrent.Futures.getUnchecked(listenable);
  }

  @Test
  void theGuavaTypesInTheLibrarysApiAreSharedSoTheApiWorksInsideAnInterpreter() {
    try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      assertEquals("timed out, done", pool.submit(ClassPathTest::useFuturesApi).result());
      String inside =
          pool.submit(
                  () -> loaderNameOf(com.google.common.util.concurrent.ListenableFuture.class)
                      + " " + loaderNameOf(com.google.common.util.concurrent.UncheckedTimeoutException.class)
                      + " " + loaderNameOf(com.google.common.util.concurrent.Futures.class))
              .result();
      assertTrue(inside.matches("app app interpreter-\\d+"), inside);
    }
  }

  @Test
  void aSharedPackageIsTheHostsSoItsStaticsAreToo() {
    int before = SharedCounter.get();
    InterpreterPoolExecutor pool =
        InterpreterPoolExecutor.builder()
            .maxWorkers(2)
            .sharedPackages(SharedCounter.class.getPackageName())
            .build();
    try (pool) {
      String inside =
          pool.submit(() -> loaderNameOf(SharedCounter.class) + " " + loaderNameOf(ClassPathTest.class)).result();
      assertTrue(inside.matches("app interpreter-\\d+"), inside);
      pool.submit(SharedCounter::increment).result();
      pool.submit(SharedCounter::increment).result();
    }
    assertEquals(before + 2, SharedCounter.get());
  }
}
