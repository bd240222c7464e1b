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
 * and parsed with jackson-core's streaming parser, one line at a time (bounded memory) into maps, lists and scalar strings. A line that
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
   * @param tooLong whether the problem is the line's length
   */
  record Line(long line, Map<String, Object> object, String problem, boolean encoding, boolean tooLong) {}

  /** Reads every line of {@code data} (tests and small inputs). */
  static List<Line> parse(byte[] data) {
    var out = new ArrayList<Line>();
    try {
      var r = new Reader(new java.io.ByteArrayInputStream(data), Integer.MAX_VALUE);
      for (Line l = r.next(); l != null; l = r.next()) {
        out.add(l);
      }
    } catch (IOException e) {
      throw new IllegalStateException("a byte array cannot fail to read", e);
    }
    return out;
  }

  /** Reads lines one at a time from a stream; keeps at most one line's bytes. */
  static final class Reader {
    private final ByteSource in;
    private final int maxLineBytes;
    private long line = 1;
    private boolean started;

    Reader(java.io.InputStream in, int maxLineBytes) {
      this.in = new ByteSource(in);
      this.maxLineBytes = maxLineBytes;
    }

    /** The next non-blank line, or null at the end. */
    Line next() throws IOException {
      if (!started) {
        in.skipBom();
        started = true;
      }
      while (in.peek() >= 0) {
        var buf = new java.io.ByteArrayOutputStream();
        boolean tooLong = false;
        long n = line++;
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
          if (buf.size() >= maxLineBytes) {
            tooLong = true;
          } else {
            buf.write(b);
          }
        }
        if (tooLong) {
          return new Line(n, null, "the line is longer than " + maxLineBytes + " bytes; it was skipped (shorten it, or raise IngestOptions.maxRowBytes)", false, true);
        }
        byte[] bytes = buf.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        Line l = parseLine(n, Arrays.copyOf(bytes, len));
        if (l != null) {
          return l;
        }
      }
      return null;
    }
  }

  private static Line parseLine(long n, byte[] bytes) {
    String text;
    try {
      text = Csv.decode(bytes);
    } catch (CharacterCodingException e) {
      return new Line(n, null, "the line holds bytes that are not UTF-8; export the catalogue as UTF-8", true, false);
    }
    if (text.isBlank()) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        return new Line(n, null, "the line is JSON but not an object; write one {...} object per line", false, false);
      }
      @SuppressWarnings("unchecked")
      var obj = (Map<String, Object>) value(p);
      if (p.nextToken() != null) {
        return new Line(n, null, "the line holds more than one JSON value; write one object per line", false, false);
      }
      return new Line(n, obj, null, false, false);
    } catch (JsonProcessingException e) {
      return new Line(n, null, "the line is not valid JSON: " + e.getOriginalMessage(), false, false);
    } catch (IOException e) {
      return new Line(n, null, "the line could not be read: " + e.getMessage(), false, false);
    }
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
