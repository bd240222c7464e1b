package org.artsim;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on labels that a search applies <em>while</em> it searches (conditional kNN): an
 * item qualifies when, for every constrained field, its value is one of the allowed values.
 *
 * <pre>{@code
 * LabelFilter.anyOf("culture", "japanese", "american")          // culture in {japanese, american}
 * LabelFilter.anyOf("culture", "japanese").and("medium", "ceramics")
 * LabelFilter.none()                                            // every item qualifies
 * }</pre>
 *
 * <p>A value that no item carries simply matches nothing: the search returns fewer (or no) hits
 * and no error. Immutable and thread-safe.
 */
public record LabelFilter(Map<String, Set<String>> allowed) {
  private static final LabelFilter NONE = new LabelFilter(Map.of());

  /** Validates and copies the constraints. */
  public LabelFilter {
    Objects.requireNonNull(allowed, "allowed");
    var copy = new LinkedHashMap<String, Set<String>>();
    allowed.forEach(
        (field, values) -> {
          if (field == null || field.isBlank()) {
            throw new InvalidArgumentException("label filter field is null or blank; name the label field, e.g. \"culture\"");
          }
          if (values == null || values.isEmpty()) {
            throw new InvalidArgumentException(
                "label filter on '" + field + "' allows no value; give at least one value or use LabelFilter.none()");
          }
          var set = new LinkedHashSet<String>();
          for (String v : values) {
            if (v == null) {
              throw new InvalidArgumentException("label filter on '" + field + "' contains null; remove it");
            }
            set.add(v);
          }
          copy.put(field, Collections.unmodifiableSet(set));
        });
    allowed = Collections.unmodifiableMap(copy);
  }

  /** The filter that lets every item through. */
  public static LabelFilter none() {
    return NONE;
  }

  /** Items whose {@code field} has one of {@code values}. */
  public static LabelFilter anyOf(String field, String... values) {
    return anyOf(field, Arrays.asList(values));
  }

  /** Items whose {@code field} has one of {@code values}. */
  public static LabelFilter anyOf(String field, Collection<String> values) {
    return new LabelFilter(Map.of(field, new LinkedHashSet<>(values)));
  }

  /** This filter and also {@code field} in {@code values}. */
  public LabelFilter and(String field, String... values) {
    if (allowed.containsKey(field)) {
      throw new InvalidArgumentException("label filter already constrains '" + field + "'; list all its values in one call");
    }
    var map = new LinkedHashMap<>(allowed);
    map.put(field, new LinkedHashSet<>(Arrays.asList(values)));
    return new LabelFilter(map);
  }

  /** Whether this filter lets every item through. */
  public boolean isNone() {
    return allowed.isEmpty();
  }

  /** Whether an item with these labels qualifies. */
  public boolean test(Labels labels) {
    for (var e : allowed.entrySet()) {
      String v = labels.get(e.getKey());
      if (v == null || !e.getValue().contains(v)) {
        return false;
      }
    }
    return true;
  }

  /** The first constrained field (the "condition field" whose value a hit reports), or null. */
  public String primaryField() {
    return allowed.isEmpty() ? null : allowed.keySet().iterator().next();
  }

  @Override
  public String toString() {
    return isNone() ? "LabelFilter[none]" : "LabelFilter" + allowed;
  }
}
