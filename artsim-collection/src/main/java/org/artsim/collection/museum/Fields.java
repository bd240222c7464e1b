package org.artsim.collection.museum;

import java.util.List;
import java.util.Map;
import org.artsim.FileFormatException;

/**
 * Reading fields of a parsed JSON record (maps, lists and strings) by what a museum format
 * documents them to be: text, an object or a list. A field that is absent or null is null; one of
 * another shape (an object where text is documented, say) makes the record malformed.
 */
final class Fields {
  private Fields() {}

  /** Text: a string, or the first non-blank string of a list of strings; null if absent. */
  static String text(Map<?, ?> rec, String key) {
    return text(rec.get(key), key);
  }

  static String text(Object v, String key) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s.isBlank() ? null : s.strip();
    }
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s && !s.isBlank()) {
          return s.strip();
        }
        if (o != null && !(o instanceof String)) {
          throw malformed(key, o, "text or a list of text");
        }
      }
      return null;
    }
    throw malformed(key, v, "text or a list of text");
  }

  /** An object, or null if absent. */
  static Map<?, ?> object(Map<?, ?> rec, String key) {
    Object v = rec.get(key);
    if (v == null || v instanceof Map) {
      return (Map<?, ?>) v;
    }
    throw malformed(key, v, "an object");
  }

  /** A list (a single object counts as a list of one), empty if absent. */
  static List<?> list(Map<?, ?> rec, String key) {
    Object v = rec.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof Map || v instanceof String) {
      return List.of(v);
    }
    throw malformed(key, v, "a list");
  }

  /** The objects of a list field, skipping other entries. */
  static List<Map<?, ?>> objects(Map<?, ?> rec, String key) {
    return list(rec, key).stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
  }

  /** The text at a path of object keys ({@code webImage}, {@code url}), null if any step is absent. */
  static String path(Map<?, ?> rec, String... keys) {
    Map<?, ?> cur = rec;
    for (int i = 0; i < keys.length - 1; i++) {
      cur = object(cur, keys[i]);
      if (cur == null) {
        return null;
      }
    }
    return text(cur, keys[keys.length - 1]);
  }

  static FileFormatException malformed(String key, Object v, String expected) {
    String shape = v instanceof Map ? "an object" : v instanceof List ? "a list" : "'" + abbreviate(v.toString()) + "'";
    return new FileFormatException("the field '" + key + "' is " + shape + " where " + expected + " is expected");
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** Puts a value unless it is null. */
  static void put(Map<String, String> out, String key, String value) {
    if (value != null && !value.isBlank()) {
      out.putIfAbsent(key, value);
    }
  }
}
