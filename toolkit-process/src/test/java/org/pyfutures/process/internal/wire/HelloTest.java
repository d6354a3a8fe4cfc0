package org.pyfutures.process.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyfutures.Initializer;
import org.pyfutures.internal.Serialization;
import org.pyfutures.process.KryoCustomizer;

/** The HELLO payload carries the memory limit, the customizer and the initializer; missing ones take no bytes. */
@Timeout(30)
class HelloTest {
  private static final ClassLoader LOADER = HelloTest.class.getClassLoader();

  @Test
  void withNeitherCustomizerNorInitializerThePayloadIsTheLimitAndTwoEmptyLengths() {
    byte[] payload = Hello.encode(LOADER, null, null, 123);
    assertEquals(16, payload.length);
    assertEquals("", Hello.sharedMemory(payload));
    assertEquals(123, Hello.maxWorkerMemory(payload));
    assertNull(Hello.customizer(payload, LOADER));
    assertNull(Hello.initializer(payload, Serialization.newKryo(LOADER, null)));
  }

  @Test
  void aCustomizerAndAnInitializerRoundTrip() {
    KryoCustomizer customizer = kryo -> kryo.setReferences(true);
    Initializer initializer = () -> {};
    byte[] payload = Hello.encode(LOADER, customizer, initializer, 0);
    KryoCustomizer readCustomizer = Hello.customizer(payload, LOADER);
    assertNotNull(readCustomizer);
    assertNotNull(Hello.initializer(payload, new KryoFactory(LOADER, readCustomizer).newKryo()));
    assertEquals(0, Hello.maxWorkerMemory(payload));
  }

  @Test
  void anInitializerAloneRoundTrips() {
    Initializer initializer = () -> {};
    byte[] payload = Hello.encode(LOADER, null, initializer, 0);
    assertNull(Hello.customizer(payload, LOADER));
    assertNotNull(Hello.initializer(payload, new KryoFactory(LOADER, null).newKryo()));
  }
}
