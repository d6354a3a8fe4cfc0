package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Task;

/**
 * Something that can be written but not read on the other side fails its own future and nothing else (CPython's
 * {@code test_pickle_errors_propagate}, which used to hang).
 */
@Timeout(60)
class ReadFailureTest {
  /** Refuses to be read by the loader named {@code refusingLoader}. */
  static final class Refusing implements KryoSerializable {
    private String refusingLoader;

    Refusing(String refusingLoader) {
      this.refusingLoader = refusingLoader;
    }

    String refusingLoader() {
      return refusingLoader;
    }

    @Override
    public void write(Kryo kryo, Output output) {
      output.writeString(refusingLoader);
    }

    @Override
    public void read(Kryo kryo, Input input) {
      refusingLoader = input.readString();
      String reader = String.valueOf(Refusing.class.getClassLoader().getName());
      if (reader.startsWith(refusingLoader)) {
        throw new KryoException("not readable in " + reader);
      }
    }
  }

  private static InterpreterPoolExecutor pool;

  @BeforeAll
  static void startPool() {
    pool = new InterpreterPoolExecutor(1);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private static void assertCausedBy(String message, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(message)) {
        return;
      }
    }
    throw new AssertionError("no cause says \"" + message + "\"", failure);
  }

  @Test
  void aTaskThatCannotBeReadInsideTheInterpreterFailsOnlyItsFuture() {
    Refusing refusing = new Refusing("interpreter-");
    Task<String> task = () -> refusing.refusingLoader();
    KryoException failed = assertThrows(KryoException.class, pool.submit(task)::result);
    assertCausedBy("not readable in interpreter-", failed);
    assertEquals(3, pool.submit(() -> 3).result());
  }

  @Test
  void aResultThatCannotBeReadBackInTheHostFailsOnlyItsFuture() {
    Task<Task<String>> task =
        () -> {
          Refusing refusing = new Refusing("app");
          return () -> refusing.refusingLoader();
        };
    KryoException failed = assertThrows(KryoException.class, pool.submit(task)::result);
    assertCausedBy("not readable in app", failed);
    assertTrue(pool.submit(() -> "still usable").result().startsWith("still"));
  }

  /** The copies after a failed read are whole: shared references inside one task stay shared, values intact. */
  @Test
  void copiesAfterAFailedReadKeepSharedReferencesAndValues() {
    Refusing refusing = new Refusing("interpreter-");
    Task<String> unreadable = () -> refusing.refusingLoader();
    assertThrows(KryoException.class, pool.submit(unreadable)::result);
    java.util.List<String> shared = new java.util.ArrayList<>(java.util.List.of("a", "b"));
    java.util.Map<String, java.util.List<String>> twice = new java.util.HashMap<>();
    twice.put("x", shared);
    twice.put("y", shared);
    Task<String> check = () -> (twice.get("x") == twice.get("y")) + " " + twice.get("x");
    for (int i = 0; i < 3; i++) {
      assertEquals("true [a, b]", pool.submit(check).result());
    }
  }
}
