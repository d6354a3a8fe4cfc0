package org.pyfutures;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.util.List;
import org.pyfutures.internal.Serialization;

/**
 * Uses a thread pool and copies a value the way the copying pools do, as an application would; prints the results
 * and whether that left a system property behind.
 */
public final class QuietThreadPoolMain {
  private QuietThreadPoolMain() {}

  public static void main(String[] args) {
    try (Executor pool = new ThreadPoolExecutor(2)) {
      Task<Object> copy =
          () -> {
            Kryo kryo = Serialization.newKryo(QuietThreadPoolMain.class.getClassLoader(), null);
            return Serialization.fromBytes(kryo, Serialization.toBytes(kryo, List.of(6, 7)));
          };
      TaskFunction<Integer, Integer> square = x -> x * x;
      System.out.println(pool.submit(copy).result() + " " + pool.map(square, List.of(1, 2, 3)).toList());
      System.out.println("kryo.unsafe=" + System.getProperty("kryo.unsafe"));
    }
  }
}
