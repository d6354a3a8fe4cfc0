package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** While a task runs, the thread's context class loader is its interpreter's; afterwards it is restored. */
@Timeout(60)
class ContextClassLoaderTest {
  static String greetingOfFirstProvider() {
    return ServiceLoader.load(Greeter.class).findFirst().orElseThrow().greet();
  }

  @Test
  void serviceLoaderInsideAnInterpreterFindsTheInterpretersProvider() {
    try (InterpreterPoolExecutor pool = new InterpreterPoolExecutor(1)) {
      String inside = pool.submit(ContextClassLoaderTest::greetingOfFirstProvider).result();
      assertTrue(inside.startsWith("interpreter-"), inside);
    }
    assertEquals("app", greetingOfFirstProvider());
  }

  @Test
  void theContextClassLoaderIsTheInterpretersDuringATaskAndTheWorkersOwnAfterIt() {
    String prefix = "tccl-test";
    ClassLoader inherited = Thread.currentThread().getContextClassLoader();
    try (InterpreterPoolExecutor pool =
        InterpreterPoolExecutor.builder().maxWorkers(1).threadNamePrefix(prefix).build()) {
      boolean interpreters =
          pool.submit(
                  () -> Thread.currentThread().getContextClassLoader()
                      == ContextClassLoaderTest.class.getClassLoader())
              .result();
      assertTrue(interpreters);
      Thread worker =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals(prefix + "_0"))
              .findFirst()
              .orElseThrow();
      assertSame(inherited, worker.getContextClassLoader());
    }
  }
}
