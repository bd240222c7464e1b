package org.artsim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The label fields of one item, each with a single value: {@code culture=japanese,
 * medium=ceramics}. Labels drive conditional search ({@link LabelFilter}) and are returned with
 * every {@link Hit}.
 *
 * <p>Immutable and thread-safe. Field names and values are non-null, non-blank strings, compared
 * exactly (case-sensitive). Field order is the order given, which {@link #toString()} keeps.
 */
public record Labels(Map<String, String> values) {
  private static final Labels NONE = new Labels(Map.of());

  /** Validates and copies the map, keeping its iteration order. */
  public Labels {
    Objects.requireNonNull(values, "values");
    var copy = new LinkedHashMap<String, String>();
    values.forEach(
        (field, value) -> {
          if (field == null || field.isBlank()) {
            throw new InvalidArgumentException("label field name is null or blank; give each label a name such as \"culture\"");
          }
          if (value == null || value.isBlank()) {
            throw new InvalidArgumentException("label '" + field + "' has a null or blank value; leave the field out instead");
          }
          copy.put(field, value);
        });
    values = Collections.unmodifiableMap(copy);
  }

  /** No labels. */
  public static Labels none() {
    return NONE;
  }

  /** Labels from alternating field names and values: {@code Labels.of("culture", "japanese")}. */
  public static Labels of(String... fieldsAndValues) {
    if (fieldsAndValues.length % 2 != 0) {
      throw new InvalidArgumentException(
          "Labels.of needs field/value pairs, got " + fieldsAndValues.length + " strings; pass an even number");
    }
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      if (map.put(fieldsAndValues[i], fieldsAndValues[i + 1]) != null) {
        throw new InvalidArgumentException("label field '" + fieldsAndValues[i] + "' is given twice; give each field once");
      }
    }
    return map.isEmpty() ? NONE : new Labels(map);
  }

  /** Labels from a map (copied). */
  public static Labels of(Map<String, String> values) {
    return values.isEmpty() ? NONE : new Labels(values);
  }

  /** The value of a field, or {@code null} if the item has no such field. */
  public String get(String field) {
    return values.get(field);
  }

  /** Whether no field is set. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** A copy with one field set (added or replaced). */
  public Labels with(String field, String value) {
    var map = new LinkedHashMap<>(values);
    map.put(field, value);
    return new Labels(map);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
