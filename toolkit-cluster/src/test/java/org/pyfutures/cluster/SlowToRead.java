package org.pyfutures.cluster;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A task result whose reading, on the host, holds the reply thread until the test lets it go: the test can act
 * while a reply is being decoded. A member never reads results, so only the host's latches matter.
 */
final class SlowToRead implements KryoSerializable {
  static volatile CountDownLatch reading;
  static volatile CountDownLatch release;

  @Override
  public void write(Kryo kryo, Output output) {}

  @Override
  public void read(Kryo kryo, Input input) {
    CountDownLatch started = reading;
    if (started == null) {
      return;
    }
    started.countDown();
    try {
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
