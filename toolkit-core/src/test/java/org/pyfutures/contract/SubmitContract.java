package org.pyfutures.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Executor;

/** Submitting work in each shape and getting its result. */
@Timeout(60)
public interface SubmitContract extends ContractSupport {
  @Test
  default void submitTaskReturnsItsResult() {
    try (Executor executor = newExecutor(2)) {
      assertEquals(42, executor.submit(() -> 42).result());
    }
  }
}
