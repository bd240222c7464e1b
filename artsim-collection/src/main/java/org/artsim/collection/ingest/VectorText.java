package org.artsim.collection.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.artsim.Labels;

/**
 * Vectors and labels written as text, for the CSV and JSON Lines vector files: a JSON array of
 * numbers ({@code [0.1, -2e-3]}), or one number per column. Numbers are decimal ({@code 1},
 * {@code -0.5}, {@code 1e-3}); {@code NaN} and {@code Infinity} are read so that the importer can
 * refuse them by name, anything else is no number.
 */
final class VectorText {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity|inf|nan)");

  private VectorText() {}

  /** Thrown for text that is not a vector; the message says what was wrong. */
  static final class NotAVector extends Exception {
    private static final long serialVersionUID = 1L;

    NotAVector(String message) {
      super(message, null, false, false);
    }
  }

  /** One number written as text. */
  static float number(String column, String text) throws NotAVector {
    String t = text == null ? "" : text.strip();
    if (t.length() > 64 || !NUMBER.matcher(t).matches()) {
      throw new NotAVector("the value of '" + column + "' is " + (t.isEmpty() ? "empty" : "'" + clip(t) + "'") + ", not a number");
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith("nan")) {
      return Float.NaN;
    }
    if (lower.endsWith("inf") || lower.endsWith("infinity")) {
      return t.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    }
    return Float.parseFloat(t);
  }

  /** A JSON array of numbers written as text (a CSV cell). */
  static float[] array(String column, String text) throws NotAVector {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new NotAVector("the value of '" + column + "' is not a JSON array of numbers such as [0.1, 0.2]");
      }
      var values = new FloatList();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw new NotAVector("the array in '" + column + "' holds " + (t == null ? "no closing ]" : "'" + clip(p.getText()) + "'") + " at position " + values.size() + ", not a number");
        }
        values.add(p.getFloatValue());
      }
      if (p.nextToken() != null) {
        throw new NotAVector("the value of '" + column + "' has text after its array");
      }
      return values.toArray();
    } catch (IOException e) {
      throw new NotAVector("the value of '" + column + "' is not a JSON array of numbers: " + clip(String.valueOf(e.getMessage())));
    }
  }

  /** A JSON array already parsed by {@link JsonLines} (numbers as their text). */
  static float[] list(String key, List<?> list) throws NotAVector {
    float[] v = new float[list.size()];
    for (int i = 0; i < v.length; i++) {
      Object o = list.get(i);
      if (!(o instanceof String s)) {
        throw new NotAVector("the array '" + key + "' holds " + (o == null ? "null" : "a nested " + (o instanceof Map ? "object" : "array")) + " at position " + i + ", not a number");
      }
      v[i] = number(key + "[" + i + "]", s);
    }
    return v;
  }

  /** Labels from named values: blank or missing values are left out. */
  static Labels labels(List<String> columns, java.util.function.Function<String, String> value) {
    if (columns.isEmpty()) {
      return Labels.none();
    }
    var map = new LinkedHashMap<String, String>();
    for (String c : columns) {
      String v = value.apply(c);
      if (v != null && !v.isBlank()) {
        map.put(c, v.strip());
      }
    }
    return Labels.of(map);
  }

  static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** A growable float array. */
  private static final class FloatList {
    private float[] a = new float[64];
    private int n;

    void add(float x) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = x;
    }

    int size() {
      return n;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  /** The vector columns of a header when none are named: {@code vector} if present, else every column but the id and labels. */
  static List<String> defaultVectorColumns(List<String> header, String idColumn, List<String> labelColumns) {
    if (header.contains("vector")) {
      return List.of("vector");
    }
    var out = new ArrayList<String>();
    for (String c : header) {
      if (!c.equals(idColumn) && !labelColumns.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }
}
