package org.pyfutures.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.pyfutures.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No payload size, in either direction or both at once, on any number of workers, deadlocks the pool: a worker's
 * reply is always drained while more work is written to it. Each test here hung before the pool had a writer
 * thread per worker.
 */
@Timeout(90)
@ExtendWith(NoLeftoverWorkers.class)
class DeadlockFreedomTest {
  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  static byte[] echo(byte[] bytes) {
    return bytes;
  }

  static byte[] filled(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (seed + i * 31);
    }
    return b;
  }

  static int failWithHugeMessage(int size) {
    throw new IllegalStateException("x".repeat(size));
  }

  @Test
  void twoLargeEchoesBackToBackOnOneWorkerBothComplete() {
    for (int size : new int[] {200 * KIB, MIB}) {
      try (ProcessPoolExecutor pool = TestPools.pool(1)) {
        byte[] a = filled(size, 1);
        byte[] b = filled(size, 2);
        Future<byte[]> first = pool.submit(DeadlockFreedomTest::echo, a);
        Future<byte[]> second = pool.submit(DeadlockFreedomTest::echo, b);
        assertArrayEquals(a, first.result());
        assertArrayEquals(b, second.result());
      }
    }
  }

  @Test
  void mapEchoOfEightMebibyteArraysCompletesOnOneAndOnTwoWorkers() {
    List<byte[]> inputs = IntStream.range(0, 8).mapToObj(i -> filled(MIB, i)).toList();
    for (int workers : new int[] {1, 2}) {
      try (ProcessPoolExecutor pool = TestPools.pool(workers)) {
        List<byte[]> outputs = pool.map(DeadlockFreedomTest::echo, inputs).toList();
        assertEquals(inputs.size(), outputs.size());
        for (int i = 0; i < inputs.size(); i++) {
          assertArrayEquals(inputs.get(i), outputs.get(i));
        }
      }
    }
  }

  @Test
  void manyLargeTasksInBothDirectionsAtOnceAllComplete() {
    try (ProcessPoolExecutor pool = TestPools.pool(2)) {
      List<byte[]> inputs = new ArrayList<>();
      List<Future<byte[]>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        byte[] in = filled((i % 3 + 1) * 700 * KIB, i);
        inputs.add(in);
        futures.add(pool.submit(DeadlockFreedomTest::echo, in));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertArrayEquals(inputs.get(i), futures.get(i).result());
      }
    }
  }

  @Test
  void failuresWithHugeMessagesInterleavedWithLargeTasksAllComplete() {
    try (ProcessPoolExecutor pool = TestPools.pool(1)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        futures.add(pool.submit(DeadlockFreedomTest::failWithHugeMessage, MIB));
        futures.add(pool.submit(DeadlockFreedomTest::echo, filled(MIB, i)));
      }
      for (int i = 0; i < futures.size(); i += 2) {
        IllegalStateException e = assertThrows(IllegalStateException.class, futures.get(i)::result);
        assertEquals(MIB, e.getMessage().length());
        assertEquals(MIB, ((byte[]) futures.get(i + 1).result()).length);
      }
      assertTrue(pool.submit(FaultTasks::pid).result() > 0);
    }
  }
}
