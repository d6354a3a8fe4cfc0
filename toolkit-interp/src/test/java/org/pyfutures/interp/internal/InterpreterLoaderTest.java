package org.pyfutures.interp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Task;
import org.pyfutures.internal.Serialization;
import org.pyfutures.contract.Rendezvous;
import org.pyfutures.interp.hostside.SharedCounter;

@Timeout(10)
class InterpreterLoaderTest {
  private final ClassLoader host = InterpreterLoaderTest.class.getClassLoader();
  private final InterpreterLoader loader =
      new InterpreterLoader(
          "interpreter-test",
          InterpreterContexts.applicationClassPath().stream().map(InterpreterLoaderTest::url).toArray(URL[]::new),
          host,
          SharedPackages.with(List.of(SharedCounter.class.getPackageName())));

  private static URL url(java.nio.file.Path path) {
    try {
      return path.toUri().toURL();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @AfterEach
  void close() throws IOException {
    loader.close();
  }

  @Test
  void isParallelCapable() {
    assertTrue(loader.isRegisteredAsParallelCapable());
  }

  @Test
  void applicationClassesAreItsOwnCopies() throws Exception {
    Class<?> own = loader.loadClass(InterpreterLoaderTest.class.getName());
    assertNotSame(InterpreterLoaderTest.class, own);
    assertSame(loader, own.getClassLoader());
    assertSame(loader, loader.loadClass(Rendezvous.class.getName()).getClassLoader());
    assertSame(own, loader.loadClass(InterpreterLoaderTest.class.getName()));
  }

  @Test
  void jdkClassesComeFromTheJdkIncludingPlatformModules() throws Exception {
    assertSame(String.class, loader.loadClass("java.lang.String"));
    assertSame(java.sql.Connection.class, loader.loadClass("java.sql.Connection"));
    assertSame(javax.xml.parsers.DocumentBuilder.class, loader.loadClass("javax.xml.parsers.DocumentBuilder"));
  }

  @Test
  void sharedClassesAreTheHosts() throws Exception {
    assertSame(Task.class, loader.loadClass(Task.class.getName()));
    assertSame(
        com.esotericsoftware.kryo.kryo5.Kryo.class,
        loader.loadClass("com.esotericsoftware.kryo.kryo5.Kryo"));
    assertSame(SharedCounter.class, loader.loadClass(SharedCounter.class.getName()));
  }

  @Test
  void aMissingClassIsNamedWithTheInterpreter() {
    ClassNotFoundException missing =
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.example.Missing"));
    assertEquals("com.example.Missing is not on the class path of interpreter-test", missing.getMessage());
  }

  record HostOnly(int value) {}

  @Test
  void whileReadingAClassKryoAsksForAndCannotFindIsAnErrorSoKryoCannotFallBackToTheHost() throws IOException {
    byte[] bytes = Serialization.toBytes(Serialization.newKryo(host, null), new HostOnly(1));
    try (InterpreterLoader empty =
        new InterpreterLoader("interpreter-empty", new URL[0], host, SharedPackages.with(List.of()))) {
      // What the strict read prevents: Kryo retries with its own loader, the host's, and yields the host's class.
      assertSame(HostOnly.class, Serialization.fromBytes(Serialization.newKryo(empty, null), bytes).getClass());

      empty.beginRead();
      try {
        NoClassDefFoundError missing =
            assertThrows(NoClassDefFoundError.class, () -> Serialization.fromBytes(Serialization.newKryo(empty, null), bytes));
        assertTrue(missing.getCause() instanceof ClassNotFoundException, String.valueOf(missing.getCause()));
        // Code other than Kryo asking during the read still gets the exception it expects.
        assertThrows(ClassNotFoundException.class, () -> empty.loadClass(HostOnly.class.getName()));
      } finally {
        empty.endRead();
      }
    }
  }

  @Test
  void resourcesComeFromItsClassPathAndTheJdk() throws IOException {
    assertNotNull(loader.getResource("META-INF/services/org.pyfutures.interp.Greeter"));
    assertNotNull(loader.getResource("java/lang/Object.class"));
    List<URL> services = Collections.list(loader.getResources("META-INF/services/org.pyfutures.interp.Greeter"));
    assertEquals(1, services.size());
  }
}
