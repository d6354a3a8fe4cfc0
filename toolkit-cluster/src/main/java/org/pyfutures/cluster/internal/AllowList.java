package org.pyfutures.cluster.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The classes that may be read from the network: by default the JDK's value packages and {@code org.pyfutures},
 * plus what the application adds. An entry {@code "com.acme.*"} admits a package and its subpackages; any other
 * entry admits one class and its nested classes. Reflection and method-handle packages stay out whatever is added,
 * except {@link java.lang.invoke.SerializedLambda}.
 */
public final class AllowList {
  /** The system property a member reads its extra entries from, comma-separated. */
  public static final String PROPERTY = "pyfutures.cluster.allowedClasses";

  private static final List<String> DEFAULTS =
      List.of(
          "java.lang.*", "java.util.*", "java.time.*", "java.math.*", "java.io.*", "java.nio.*",
          "java.net.URI", "java.lang.invoke.SerializedLambda", "org.pyfutures.*");
  private static final List<String> NEVER =
      List.of("java.lang.reflect.", "java.lang.invoke.", "java.lang.ref.", "java.lang.instrument.",
          "java.lang.management.", "java.lang.module.");

  private final List<String> entries;

  private AllowList(List<String> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Returns the default list plus {@code extra} plus the entries of the {@value #PROPERTY} system property.
   *
   * @param extra entries the application added
   * @return the list
   */
  public static AllowList of(List<String> extra) {
    List<String> all = new ArrayList<>(DEFAULTS);
    for (String entry : extra) {
      all.add(check(entry));
    }
    String property = System.getProperty(PROPERTY, "");
    Arrays.stream(property.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(all::add);
    return new AllowList(all);
  }

  /**
   * Checks the form of an entry.
   *
   * @param entry a class name or a package followed by {@code .*}
   * @return the entry
   * @throws IllegalArgumentException if it is blank or contains a comma or whitespace
   */
  public static String check(String entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.isBlank() || entry.contains(",") || entry.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("not a class name or package.*: '" + entry + "'");
    }
    return entry;
  }

  /** Returns the entries the application added (what a local member must be told). */
  List<String> extra() {
    return entries.subList(DEFAULTS.size(), entries.size());
  }

  /**
   * Returns whether a class may be read.
   *
   * @param className a binary class name
   * @return whether the list admits it
   */
  public boolean permits(String className) {
    if (className.equals("java.lang.invoke.SerializedLambda")) {
      return true;
    }
    for (String never : NEVER) {
      if (className.startsWith(never)) {
        return false;
      }
    }
    for (String entry : entries) {
      if (entry.endsWith(".*")
          ? className.startsWith(entry.substring(0, entry.length() - 1))
          : className.equals(entry) || className.startsWith(entry + "$")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the entries, comma-separated, for {@value #PROPERTY}. */
  @Override
  public String toString() {
    return String.join(",", entries);
  }
}
