package org.pyfutures.interp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.BrokenInterpreterPoolException;
import org.pyfutures.ExecutionFailedException;
import org.pyfutures.Future;
import org.pyfutures.Initializer;
import org.pyfutures.RemoteTraceback;
import org.pyfutures.Task;
import org.pyfutures.TaskBiFunction;
import org.pyfutures.TaskFunction;
import org.pyfutures.internal.CopiedCall;
import org.pyfutures.internal.RemoteFailure;
import org.pyfutures.internal.RenewingKryo;
import org.pyfutures.internal.Serialization;
import org.pyfutures.internal.Tasks;
import org.pyfutures.internal.WorkerContext;
import org.pyfutures.internal.WorkerContextFactory;

/**
 * The types that cross the interpreter boundary must be one {@code Class} on both sides. They are named here by
 * class literal, so a refactor that moves one keeps this compiling, and this fails if the move takes the type out
 * of what {@link SharedPackages} shares.
 */
@Timeout(30)
class BoundaryTypesTest {
  /** What a task, its result, its failure and the interpreter's own machinery hand across the boundary. */
  private static final List<Class<?>> BOUNDARY_TYPES =
      List.of(
          Task.class,
          TaskFunction.class,
          TaskBiFunction.class,
          Initializer.class,
          Future.class,
          ExecutionFailedException.class,
          BrokenInterpreterPoolException.class,
          RemoteTraceback.class,
          Tasks.class,
          Tasks.Apply.class,
          Tasks.ApplyBoth.class,
          Tasks.OfCallable.class,
          Tasks.OfRunnable.class,
          Tasks.Chunk.class,
          Tasks.Pair.class,
          Tasks.Unpair.class,
          CopiedCall.class,
          CopiedCall.Outcome.class,
          CopiedCall.Reader.class,
          CopiedCall.Writer.class,
          CopiedCall.ChannelException.class,
          RemoteFailure.class,
          RenewingKryo.class,
          Serialization.class,
          WorkerContext.class,
          WorkerContextFactory.class,
          ListenableFuture.class,
          UncheckedTimeoutException.class,
          Kryo.class,
          Serializer.class,
          Input.class,
          StdInstantiatorStrategy.class);

  private final ClassLoader host = BoundaryTypesTest.class.getClassLoader();
  private final SharedPackages shared = SharedPackages.with(List.of());
  private final InterpreterLoader loader =
      new InterpreterLoader(
          "boundary-test",
          InterpreterContexts.applicationClassPath().stream().map(BoundaryTypesTest::url).toArray(URL[]::new),
          host,
          shared);

  @AfterEach
  void close() throws IOException {
    loader.close();
  }

  @Test
  void everyBoundaryTypeLoadsAsTheHostsClassInAnInterpreter() throws Exception {
    for (Class<?> type : BOUNDARY_TYPES) {
      assertTrue(shared.isShared(type.getName()), type.getName() + " is shared");
      assertSame(type, loader.loadClass(type.getName()), type.getName() + " is the host's class");
    }
  }

  @Test
  void everyClassOfTheLibrarysSharedPackagesLoadsAsTheHostsClass() throws Exception {
    Set<String> names = classesOfSharedLibraryPackages();
    // Guard against an empty scan passing vacuously.
    assertTrue(names.contains(Task.class.getName()) && names.contains(RemoteFailure.class.getName()), names.toString());
    for (String name : names) {
      assertSame(Class.forName(name, false, host), loader.loadClass(name), name);
    }
  }

  @Test
  void theSharedLibraryPackagesAreThoseOfTheBoundaryTypesAndNoMore() {
    Set<String> packages = new TreeSet<>();
    for (Class<?> type : BOUNDARY_TYPES) {
      String name = type.getPackageName();
      if (name.startsWith("org.pyfutures")) {
        packages.add(name);
      }
    }
    assertEquals(new TreeSet<>(SharedPackages.LIBRARY_PACKAGES), packages);
  }

  @Test
  void everyGuavaTypeInTheLibrarysApiIsShared() throws Exception {
    Set<String> guava = new TreeSet<>();
    for (String name : classesOfSharedLibraryPackages()) {
      Class<?> type = Class.forName(name, false, host);
      if (!type.getPackageName().equals(Future.class.getPackageName()) || !Modifier.isPublic(type.getModifiers())) {
        continue;
      }
      for (Class<?> supertype : allInterfaces(type)) {
        addIfGuava(guava, supertype);
      }
      List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
      members.addAll(List.<Constructor<?>>of(type.getDeclaredConstructors()));
      for (Executable member : members) {
        if (!Modifier.isPublic(member.getModifiers())) {
          continue;
        }
        if (member instanceof Method method) {
          addIfGuava(guava, method.getReturnType());
        }
        Stream.of(member.getParameterTypes()).forEach(p -> addIfGuava(guava, p));
        Stream.of(member.getExceptionTypes()).forEach(e -> addIfGuava(guava, e));
      }
    }
    assertTrue(guava.contains(ListenableFuture.class.getName()), guava.toString());
    for (String name : guava) {
      assertTrue(shared.isShared(name), name + " appears in the API, so it must be shared");
    }
    // And no more of Guava than that: an interpreter may bring its own Guava.
    assertFalse(shared.isShared(com.google.common.util.concurrent.Futures.class.getName()));
  }

  @Test
  void noLibraryClassOutsideTheSharedPackagesIsShared() {
    assertFalse(shared.isShared(InterpreterLoader.class.getName()));
    assertFalse(shared.isShared(org.pyfutures.interp.InterpreterPoolExecutor.class.getName()));
  }

  private static void addIfGuava(Set<String> into, Class<?> type) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (type.getPackageName().startsWith("com.google.common") && Modifier.isPublic(type.getModifiers())) {
      into.add(type.getName());
    }
  }

  private static Set<Class<?>> allInterfaces(Class<?> type) {
    Set<Class<?>> seen = new java.util.LinkedHashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
    while (!todo.isEmpty()) {
      Class<?> next = todo.pop();
      for (Class<?> i : next.getInterfaces()) {
        if (seen.add(i)) {
          todo.push(i);
        }
      }
      if (next.getSuperclass() != null) {
        todo.push(next.getSuperclass());
      }
    }
    return seen;
  }

  /** Every class, nested ones included, of the library packages that {@link SharedPackages} shares. */
  private static Set<String> classesOfSharedLibraryPackages() throws IOException {
    Path location;
    try {
      location = Path.of(Future.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
    List<String> entries = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.filter(Files::isRegularFile).forEach(f -> entries.add(location.relativize(f).toString().replace('\\', '/')));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().forEach(e -> entries.add(e.getName()));
      }
    }
    Set<String> names = new TreeSet<>();
    for (String entry : entries) {
      if (!entry.endsWith(".class") || entry.endsWith("module-info.class") || entry.startsWith("META-INF/")) {
        continue;
      }
      String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
      int dot = name.lastIndexOf('.');
      if (dot > 0 && SharedPackages.LIBRARY_PACKAGES.contains(name.substring(0, dot))) {
        names.add(name);
      }
    }
    return names;
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
