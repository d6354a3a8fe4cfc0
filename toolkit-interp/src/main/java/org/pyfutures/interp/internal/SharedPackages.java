package org.pyfutures.interp.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.UncheckedTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pyfutures.Future;
import org.pyfutures.internal.Serialization;

/**
 * Which classes an interpreter takes from the host instead of defining its own copy: the types that cross the
 * boundary and so must be one {@code Class} on both sides.
 *
 * <p>The library shares exactly its API package {@code org.pyfutures} and its machinery
 * {@code org.pyfutures.internal} (task adapters, {@code RemoteFailure}, the Kryo configuration), not their
 * subpackages: user and test code under {@code org.pyfutures.*} (examples, the contract suite) must stay
 * isolated. Of Guava, only the two types that the library's API exposes are shared ({@code Future} is a
 * {@code ListenableFuture}, and {@code result(Duration)} throws {@code UncheckedTimeoutException}), so that code in
 * an interpreter can catch the one and pass the other to its own copy of Guava. Kryo is shared whole, as the host
 * drives it with the interpreter's loader. A package the user names is shared with all its subpackages.
 *
 * <p>Every name here is taken from a class, never spelled out, so that moving or renaming a package moves the rule
 * with it; {@code BoundaryTypesTest} checks that each type that crosses the boundary is still shared.
 */
final class SharedPackages {
  /** The library's API package and its machinery: the package of {@link Future} and of {@link Serialization}. */
  static final Set<String> LIBRARY_PACKAGES =
      Set.of(Future.class.getPackageName(), Serialization.class.getPackageName());
  /** The Guava types of the library's API: {@link Future} is one, and {@code result(Duration)} throws the other. */
  static final Set<String> LIBRARY_API_CLASSES =
      Set.of(ListenableFuture.class.getName(), UncheckedTimeoutException.class.getName());
  /** Kryo's package, with its subpackages (its shaded dependencies live under it). */
  static final String KRYO = Kryo.class.getPackageName() + ".";

  private final List<String> userPrefixes;

  private SharedPackages(List<String> userPrefixes) {
    this.userPrefixes = userPrefixes;
  }

  /**
   * Returns the library's shared packages plus {@code userPackages}, each with its subpackages.
   *
   * @throws IllegalArgumentException if a name is blank or not a package name
   */
  static SharedPackages with(List<String> userPackages) {
    List<String> prefixes = new ArrayList<>(userPackages.size());
    for (String name : userPackages) {
      prefixes.add(checkPackageName(Objects.requireNonNull(name, "package name")) + ".");
    }
    return new SharedPackages(List.copyOf(prefixes));
  }

  static String checkPackageName(String name) {
    String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("a shared package name must not be empty");
    }
    for (String part : trimmed.split("\\.", -1)) {
      if (!isIdentifier(part)) {
        throw new IllegalArgumentException("not a package name: \"" + name + "\"");
      }
    }
    return trimmed;
  }

  private static boolean isIdentifier(String part) {
    if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
      return false;
    }
    return part.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
  }

  /** Returns whether the class with this binary name is taken from the host. */
  boolean isShared(String className) {
    if (className.startsWith(KRYO) || LIBRARY_API_CLASSES.contains(className)) {
      return true;
    }
    int dot = className.lastIndexOf('.');
    if (dot > 0 && LIBRARY_PACKAGES.contains(className.substring(0, dot))) {
      return true;
    }
    for (String prefix : userPrefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
