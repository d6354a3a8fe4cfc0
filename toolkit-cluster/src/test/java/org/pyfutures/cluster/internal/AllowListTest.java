package org.pyfutures.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ObjectInputFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the class allow-list admits, by default and with entries added. */
class AllowListTest {
  private final AllowList defaults = AllowList.of(List.of());

  @Test
  void jdkValuesAndPyfuturesAreAdmittedByDefault() {
    for (String name : List.of("java.lang.String", "java.util.ArrayList", "java.util.concurrent.atomic.AtomicLong",
        "java.time.Duration", "java.math.BigInteger", "org.pyfutures.internal.RemoteFailure",
        "java.lang.invoke.SerializedLambda", "int")) {
      assertTrue(defaults.permits(name), name);
    }
  }

  @Test
  void reflectionApplicationAndOtherJdkClassesAreRefused() {
    for (String name : List.of("java.lang.reflect.Proxy", "java.lang.invoke.MethodHandle", "java.awt.Point",
        "javax.management.BadAttributeValueExpException", "com.acme.Task", "java.net.URL")) {
      assertFalse(defaults.permits(name), name);
    }
  }

  @Test
  void addedPackagesAdmitSubpackagesAndAddedClassesAdmitTheirNestedClasses() {
    AllowList list = AllowList.of(List.of("com.acme.*", "org.other.Point"));
    assertTrue(list.permits("com.acme.Task"));
    assertTrue(list.permits("com.acme.jobs.Report$Line"));
    assertTrue(list.permits("org.other.Point"));
    assertTrue(list.permits("org.other.Point$Polar"));
    assertFalse(list.permits("org.other.PointFactory"));
    assertFalse(list.permits("com.acmeevil.Task"));
    assertFalse(list.permits("java.lang.reflect.Method"), "never, whatever is added");
  }

  @Test
  void arraysAreCheckedByTheirElementClass() {
    assertEquals("com.acme.P", AllowList.elementName("[[Lcom.acme.P;"));
    assertEquals("int", AllowList.elementName("[I"));
    assertEquals("java.lang.String", AllowList.elementName("java.lang.String"));
  }

  @Test
  void malformedEntriesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> AllowList.check("com.acme.A,com.acme.B"));
    assertThrows(IllegalArgumentException.class, () -> AllowList.check(" "));
    assertThrows(IllegalArgumentException.class, () -> AllowList.check("com.acme. A"));
  }

  @Test
  void theSerialFilterAdmitsTheSameClasses() {
    ObjectInputFilter filter =
        ObjectInputFilter.Config.createFilter(AllowList.of(List.of("com.acme.*")).asSerialFilter());
    assertEquals(ObjectInputFilter.Status.ALLOWED, status(filter, java.util.ArrayList.class));
    assertEquals(ObjectInputFilter.Status.ALLOWED, status(filter, AllowListTest.class));
    assertEquals(ObjectInputFilter.Status.REJECTED, status(filter, java.lang.reflect.Proxy.class));
    assertEquals(ObjectInputFilter.Status.REJECTED, status(filter, java.awt.Point.class));
  }

  private static ObjectInputFilter.Status status(ObjectInputFilter filter, Class<?> type) {
    return filter.checkInput(
        new ObjectInputFilter.FilterInfo() {
          @Override
          public Class<?> serialClass() {
            return type;
          }

          @Override
          public long arrayLength() {
            return -1;
          }

          @Override
          public long depth() {
            return 1;
          }

          @Override
          public long references() {
            return 1;
          }

          @Override
          public long streamBytes() {
            return 1;
          }
        });
  }
}
