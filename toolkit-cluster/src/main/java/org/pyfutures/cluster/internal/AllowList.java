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

  private static final java.util.Set<String> PRIMITIVES =
      java.util.Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double", "void");

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
   * Returns the element class of an array class name ({@code "[[Lcom.acme.P;"} → {@code "com.acme.P"}); other
   * names unchanged. Primitive arrays come back as {@code "int"} and the like, which the list admits.
   *
   * @param className a binary class name
   * @return the name to check
   */
  static String elementName(String className) {
    int dims = 0;
    while (dims < className.length() && className.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return className;
    }
    String element = className.substring(dims);
    return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : "int";
  }

  /**
   * Returns whether a class may be read.
   *
   * @param className a binary class name
   * @return whether the list admits it
   */
  public boolean permits(String className) {
    if (PRIMITIVES.contains(className) || className.equals("java.lang.invoke.SerializedLambda")) {
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

  /**
   * Returns the list as a JDK serialization filter ({@code jdk.serialFilter}): the same classes, everything else
   * rejected. Local members run with it, so that Java serialization inside the Kryo stream (exceptions) reads
   * nothing else either.
   *
   * @return the filter pattern
   */
  String asSerialFilter() {
    List<String> patterns = new ArrayList<>();
    NEVER.forEach(n -> patterns.add("!" + n + "*"));
    for (String entry : entries) {
      patterns.add(entry.endsWith(".*") ? entry + "*" : entry);
      if (!entry.endsWith(".*")) {
        patterns.add(entry + "$*");
      }
    }
    patterns.add(0, "java.lang.invoke.SerializedLambda");
    // Hazelcast's own Java-serialized objects (some exceptions between members) are its business.
    patterns.add("com.hazelcast.**");
    patterns.add("!*");
    return String.join(";", patterns);
  }

  /** Returns the entries, comma-separated, for {@value #PROPERTY}. */
  @Override
  public String toString() {
    return String.join(",", entries);
  }
}
