package org.pyfutures.interp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SharedPackagesTest {
  private final SharedPackages defaults = SharedPackages.with(List.of());

  @Test
  void theLibraryPackagesAreSharedExactlyNotTheirSubpackages() {
    assertTrue(defaults.isShared("org.pyfutures.Task"));
    assertTrue(defaults.isShared("org.pyfutures.internal.Tasks$Apply"));
    assertFalse(defaults.isShared("org.pyfutures.contract.Rendezvous"));
    assertFalse(defaults.isShared("org.pyfutures.examples.Main"));
    assertFalse(defaults.isShared("org.pyfutures.interp.InterpreterPoolExecutor"));
    assertFalse(defaults.isShared("org.pyfutures.interp.internal.Interpreter"));
    assertFalse(defaults.isShared("org.pyfuturesx.Task"));
  }

  @Test
  void onlyTheGuavaTypesOfTheLibrarysApiAreShared() {
    assertTrue(defaults.isShared("com.google.common.util.concurrent.ListenableFuture"));
    assertTrue(defaults.isShared("com.google.common.util.concurrent.UncheckedTimeoutException"));
    assertFalse(defaults.isShared("com.google.common.util.concurrent.Futures"));
    assertFalse(defaults.isShared("com.google.common.util.concurrent.AbstractFuture"));
  }

  @Test
  void kryoIsSharedWithItsSubpackagesAndNothingElseByDefault() {
    assertTrue(defaults.isShared("com.esotericsoftware.kryo.kryo5.Kryo"));
    assertTrue(defaults.isShared("com.esotericsoftware.kryo.kryo5.objenesis.Objenesis"));
    assertFalse(defaults.isShared("com.esotericsoftware.kryo.Kryo"));
    assertFalse(defaults.isShared("com.google.common.base.Strings"));
    assertFalse(defaults.isShared("Unpackaged"));
  }

  @Test
  void aUserPackageIsSharedWithItsSubpackagesButNotSiblingsSharingItsPrefix() {
    SharedPackages shared = SharedPackages.with(List.of("com.example.api", "org.other."));
    assertTrue(shared.isShared("com.example.api.Service"));
    assertTrue(shared.isShared("com.example.api.spi.Provider"));
    assertFalse(shared.isShared("com.example.apix.Service"));
    assertFalse(shared.isShared("com.example.Service"));
    assertTrue(shared.isShared("org.other.Thing"));
  }

  @Test
  void invalidPackageNamesAreRejected() {
    for (String bad : List.of("", ".", "com..example", "com.1example", "com example", "com.example.*")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SharedPackages.with(List.of(bad)), bad);
      assertTrue(e.getMessage().contains("package name"), e.getMessage());
    }
    assertEquals("com.example", SharedPackages.checkPackageName("com.example."));
  }
}
