package org.artsim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text of one record, by field ({@code title}, {@code artist}, {@code culture}, {@code
 * description}...), and its labels for filtered text search. Which fields are indexed, and with
 * which weights, is the text index's configuration.
 */
public record TextDocument(Map<String, String> fields, Labels labels) {
  /** The field name {@link #of(String)} uses. */
  public static final String TEXT = "text";

  /** Validates and copies the fields (null values are dropped). */
  public TextDocument {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(labels, "labels");
    var copy = new LinkedHashMap<String, String>();
    fields.forEach(
        (k, v) -> {
          if (k == null) {
            throw new InvalidArgumentException("a text field name is null; name every field");
          }
          if (v != null) {
            copy.put(k, v);
          }
        });
    fields = Collections.unmodifiableMap(copy);
  }

  /** A document with a single field named {@value #TEXT}. */
  public static TextDocument of(String text) {
    return new TextDocument(Map.of(TEXT, text), Labels.none());
  }

  /** A document from alternating field names and texts. */
  public static TextDocument of(String... fieldsAndTexts) {
    if (fieldsAndTexts.length % 2 != 0) {
      throw new InvalidArgumentException("TextDocument.of needs field/text pairs, got " + fieldsAndTexts.length + " strings");
    }
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < fieldsAndTexts.length; i += 2) {
      map.put(fieldsAndTexts[i], fieldsAndTexts[i + 1]);
    }
    return new TextDocument(map, Labels.none());
  }

  /** A copy with labels. */
  public TextDocument withLabels(Labels labels) {
    return new TextDocument(fields, labels);
  }

  /** The text of a field, or null. */
  public String field(String name) {
    return fields.get(name);
  }
}
