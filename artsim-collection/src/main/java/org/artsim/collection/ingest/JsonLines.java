package org.artsim.collection.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON Lines catalogue exports: one JSON object per line, each line decoded as strict UTF-8
 * and parsed with jackson-core's streaming parser into maps, lists and scalar strings. A line that
 * is not UTF-8, not valid JSON or not an object becomes a bad row; blank lines are ignored.
 */
final class JsonLines {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonLines() {}

  /**
   * One line.
   *
   * @param line the 1-based line number
   * @param object the parsed object, or null
   * @param problem why it could not be read, or null
   * @param encoding whether the problem is an encoding problem
   */
  record Line(long line, Map<String, Object> object, String problem, boolean encoding) {}

  static List<Line> parse(byte[] data) {
    var out = new ArrayList<Line>();
    int start = 0;
    long line = 1;
    if (data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
      start = 3;
    }
    while (start < data.length) {
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      byte[] bytes = Arrays.copyOfRange(data, start, end > start && data[end - 1] == '\r' ? end - 1 : end);
      start = end + 1;
      long n = line++;
      String text;
      try {
        text = Csv.decode(bytes);
      } catch (CharacterCodingException e) {
        out.add(new Line(n, null, "the line holds bytes that are not UTF-8; export the catalogue as UTF-8", true));
        continue;
      }
      if (text.isBlank()) {
        continue;
      }
      try (JsonParser p = FACTORY.createParser(text)) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
          out.add(new Line(n, null, "the line is JSON but not an object; write one {...} object per line", false));
          continue;
        }
        @SuppressWarnings("unchecked")
        var obj = (Map<String, Object>) value(p);
        if (p.nextToken() != null) {
          out.add(new Line(n, null, "the line holds more than one JSON value; write one object per line", false));
          continue;
        }
        out.add(new Line(n, obj, null, false));
      } catch (JsonProcessingException e) {
        out.add(new Line(n, null, "the line is not valid JSON: " + e.getOriginalMessage(), false));
      } catch (IOException e) {
        out.add(new Line(n, null, "the line could not be read: " + e.getMessage(), false));
      }
    }
    return out;
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        var map = new LinkedHashMap<String, Object>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, value(p));
        }
        return map;
      }
      case START_ARRAY -> {
        var list = new ArrayList<Object>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> {
        return p.getText();
      }
    }
  }

  /**
   * The value at a path ({@code a.b}, {@code a[0].b}, {@code a.0.b}) as text: scalars as they are,
   * lists of scalars joined with "; ", objects and missing keys as null.
   */
  static String lookup(Map<String, Object> obj, String path) {
    if (obj.containsKey(path)) {
      return text(obj.get(path));
    }
    Object cur = obj;
    for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(part);
      } else if (cur instanceof List<?> l && part.matches("\\d+")) {
        int i = Integer.parseInt(part);
        cur = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return text(cur);
  }

  static String text(Object v) {
    if (v == null || v instanceof Map) {
      return null;
    }
    if (v instanceof List<?> l) {
      var parts = new ArrayList<String>();
      for (Object o : l) {
        if (o != null && !(o instanceof Map) && !(o instanceof List)) {
          parts.add(o.toString());
        }
      }
      return parts.isEmpty() ? null : String.join("; ", parts);
    }
    return v.toString();
  }
}
