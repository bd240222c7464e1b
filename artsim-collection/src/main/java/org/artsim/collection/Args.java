package org.artsim.collection;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.spi.NearMatch;

/** Argument checks of the collection's public methods: typed errors that name the argument. */
final class Args {
  private Args() {}

  /** {@code value}, or an {@link InvalidArgumentException} naming {@code name} if it is null. */
  static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new InvalidArgumentException(name + " is null; give a non-null " + name);
    }
    return value;
  }

  /** {@code value}, or an {@link InvalidArgumentException} naming {@code name} if it is negative. */
  static int notNegative(int value, String name) {
    if (value < 0) {
      throw new InvalidArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }

  /** The filter, or "no filter" for null (documented on every method that takes one). */
  static LabelFilter filter(LabelFilter f) {
    return f == null ? LabelFilter.none() : f;
  }

  /**
   * Checks that {@code field} is a label field some record carries (exact, case-sensitive), when
   * there are records at all.
   *
   * @throws InvalidArgumentException naming the field, with the nearest known field as a hint
   */
  static void knownField(String field, Set<String> known, int size) {
    notNull(field, "field");
    if (size == 0 || known.contains(field)) {
      return;
    }
    String near = nearest(field, known);
    throw new InvalidArgumentException(
        "no record carries the label field '" + field + "' (field names are exact and case-sensitive)"
            + (near != null ? "; did you mean '" + near + "'?" : "") + " Label fields present: " + new TreeSet<>(known));
  }

  /** Checks every field a filter names. */
  static LabelFilter knownFields(LabelFilter f, Set<String> known, int size) {
    LabelFilter filter = filter(f);
    for (String field : filter.allowed().keySet()) {
      knownField(field, known, size);
    }
    return filter;
  }

  private static String nearest(String field, Collection<String> known) {
    return NearMatch.closest(field, known, Math.max(2, field.length() / 3));
  }
}
