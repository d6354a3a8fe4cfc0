package org.pyfutures.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.KryoException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
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
  static final class Refusing implements Serializable {
    private final String refusingLoader;

    Refusing(String refusingLoader) {
      this.refusingLoader = refusingLoader;
    }

    String refusingLoader() {
      return refusingLoader;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      String reader = String.valueOf(Refusing.class.getClassLoader().getName());
      if (reader.startsWith(refusingLoader)) {
        throw new InvalidObjectException("not readable in " + reader);
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
}
