package org.artsim.collection.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.InputStream;
import org.artsim.FileFormatException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * artsim's one JSON reader, over jackson-core's streaming parser: values become maps, lists and
 * scalar strings. It reads
 *
 * <ul>
 *   <li>JSON Lines catalogue exports: one JSON object per line, each line decoded as strict UTF-8,
 *       one line at a time (bounded memory). A line that is not UTF-8, not valid JSON or not an
 *       object becomes a bad row; blank lines are ignored.
 *   <li>JSON documents that hold records ({@link DocumentReader}): a top-level array of objects, or
 *       an object whose named key holds that array (an API response such as {@code
 *       {"artObjects":[...]}}), streamed one record at a time; a top-level object without such a key
 *       is one record.
 *   <li>One small document ({@link #parseObject}), for {@code info.json} and the like.
 * </ul>
 *
 * <p>Hostile input is bounded: nesting deeper than {@link #MAX_DEPTH} and strings longer than the
 * byte limit are refused by the parser; a record whose text (keys, strings and one unit per value)
 * exceeds the byte limit is skipped without being kept.
 */
public final class JsonLines {
  /** The deepest nesting of arrays and objects read; deeper input is refused as malformed. */
  public static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY = factory(Integer.MAX_VALUE);

  private static JsonFactory factory(int maxStringChars) {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(Math.max(1024, maxStringChars)).build())
        .build();
  }

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
      var obj = (Map<String, Object>) new Builder(p, Long.MAX_VALUE).value();
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

  /** Thrown when a record's text is over its budget; {@code open} containers remain to be skipped. */
  private static final class OverBudget extends Exception {
    private static final long serialVersionUID = 1L;
    final transient int open;

    OverBudget(int open) {
      super(null, null, false, false);
      this.open = open;
    }
  }

  /** Builds one value from the parser's current token, counting its text against a budget. */
  private static final class Builder {
    private final JsonParser p;
    private final long budget;
    private long used;
    private int open;

    Builder(JsonParser p, long budget) {
      this.p = p;
      this.budget = budget;
    }

    Object value() throws IOException {
      try {
        return build();
      } catch (OverBudget e) {
        throw new IllegalStateException("an unlimited budget cannot be exceeded", e);
      }
    }

    private void spend(long n) throws OverBudget {
      used += n;
      if (used > budget) {
        throw new OverBudget(open);
      }
    }

    Object build() throws IOException, OverBudget {
      JsonToken t = p.currentToken();
      switch (t) {
        case START_OBJECT -> {
          open++;
          spend(1);
          var map = new LinkedHashMap<String, Object>();
          while (p.nextToken() != JsonToken.END_OBJECT) {
            String key = p.currentName();
            spend(key.length() + 1L);
            p.nextToken();
            map.put(key, build());
          }
          open--;
          return map;
        }
        case START_ARRAY -> {
          open++;
          spend(1);
          var list = new ArrayList<Object>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(build());
          }
          open--;
          return list;
        }
        case VALUE_NULL -> {
          spend(1);
          return null;
        }
        default -> {
          String text = p.getText();
          spend(text.length() + 1L);
          return text;
        }
      }
    }
  }

  /**
   * Parses one small JSON document that must be an object (an IIIF {@code info.json}, say).
   *
   * @param json the UTF-8 bytes
   * @param what what the document is, for messages
   * @throws FileFormatException if it is not UTF-8, not valid JSON, nested deeper than {@link #MAX_DEPTH}, or not one object
   */
  public static Map<String, Object> parseObject(byte[] json, String what) {
    String text;
    try {
      text = Csv.decode(json);
    } catch (CharacterCodingException e) {
      throw new FileFormatException(what + " holds bytes that are not UTF-8; it is not a JSON document", e);
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new FileFormatException(what + " is " + (t == null ? "empty" : "not a JSON object (it starts with " + t + ")") + "; expected {...}");
      }
      @SuppressWarnings("unchecked")
      var obj = (Map<String, Object>) new Builder(p, Long.MAX_VALUE).value();
      if (p.nextToken() != null) {
        throw new FileFormatException(what + " holds more than one JSON value; expected one object");
      }
      return obj;
    } catch (JsonProcessingException e) {
      throw new FileFormatException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new FileFormatException(what + " could not be parsed: " + e.getMessage(), e);
    }
  }

  /**
   * Streams the records of a JSON document: the elements of a top-level array, or of the array
   * under one of {@code arrayKeys} in a top-level object (other keys are skipped unread), or the
   * top-level object itself when it holds none of those keys as an array. Each record is one {@link
   * Line} whose {@code line} is the record's 1-based position; a record that is not an object, or
   * whose text is over the byte limit, is a bad line and reading goes on. Invalid JSON (or nesting
   * over {@link #MAX_DEPTH}, a string over the limit) ends the document with one bad line, since
   * nothing after it can be trusted.
   */
  static final class DocumentReader {
    private final JsonParser p;
    private final List<String> arrayKeys;
    private final int maxRecordBytes;
    private long position;
    private boolean inArray;
    private boolean done;
    private boolean single;
    private long current;

    DocumentReader(InputStream in, List<String> arrayKeys, int maxRecordBytes) throws IOException {
      this.p = factory(maxRecordBytes).createParser(in);
      this.arrayKeys = List.copyOf(arrayKeys);
      this.maxRecordBytes = maxRecordBytes;
    }

    /** The next record, or null at the end. */
    Line next() throws IOException {
      if (done) {
        return null;
      }
      current = 0;
      try {
        return advance();
      } catch (JsonProcessingException e) {
        done = true;
        long n = current > 0 ? current : ++position;
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("Invalid UTF-8")) {
          return new Line(n, null, "the JSON document holds bytes that are not UTF-8 (" + m + "); export it as UTF-8; records after this point were not read", true, false);
        }
        var at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        return new Line(
            n,
            null,
            "the JSON document is malformed at line " + at.getLineNr() + ", column " + at.getColumnNr() + " (" + m + "); records after this point were not read",
            false,
            m.contains("String value length"));
      } catch (java.io.CharConversionException e) {
        done = true;
        return new Line(current > 0 ? current : ++position, null, "the JSON document holds bytes that are not UTF-8 (" + e.getMessage() + "); export it as UTF-8", true, false);
      }
    }

    private Line advance() throws IOException {
      if (!inArray) {
        if (single) {
          done = true;
          return null;
        }
        JsonToken t = p.nextToken();
        if (t == null) {
          done = true;
          return null;
        }
        if (t == JsonToken.START_ARRAY) {
          inArray = true;
        } else if (t == JsonToken.START_OBJECT) {
          Line found = findArray();
          if (found != null || done) {
            return found;
          }
        } else {
          done = true;
          return new Line(++position, null, "the JSON document is neither an object nor an array of records", false, false);
        }
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_ARRAY || t == null) {
        done = true;
        return null;
      }
      return record(t);
    }

    /** In a top-level object: moves into the first record array, or reads the object as one record. */
    private Line findArray() throws IOException {
      Map<String, Object> rest = new LinkedHashMap<>();
      var builder = new Builder(p, maxRecordBytes);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.START_ARRAY && arrayKeys.contains(key)) {
          inArray = true;
          return null;
        }
        if (v == JsonToken.START_OBJECT && arrayKeys.contains(key)) {
          single = true;
          return record(v);
        }
        if (rest == null) {
          p.skipChildren();
          continue;
        }
        try {
          rest.put(key, builder.build());
        } catch (OverBudget e) {
          skip(e.open);
          rest = null;
        }
      }
      done = true;
      if (rest == null) {
        return new Line(++position, null, "the JSON object is longer than " + maxRecordBytes + " bytes of text and holds none of the record arrays " + arrayKeys
            + "; it was skipped (raise IngestOptions.maxRowBytes)", false, true);
      }
      return new Line(++position, rest, null, false, false);
    }

    /** Skips to the end of {@code open} containers already entered. */
    private void skip(int open) throws IOException {
      for (int depth = open; depth > 0; ) {
        JsonToken s = p.nextToken();
        if (s == null) {
          return;
        }
        if (s.isStructStart()) {
          depth++;
        } else if (s.isStructEnd()) {
          depth--;
        }
      }
    }

    private Line record(JsonToken t) throws IOException {
      long n = ++position;
      current = n;
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        return new Line(n, null, "record " + n + " is a JSON " + kind(t) + ", not an object; it was skipped", false, false);
      }
      var builder = new Builder(p, maxRecordBytes);
      try {
        @SuppressWarnings("unchecked")
        var obj = (Map<String, Object>) builder.build();
        return new Line(n, obj, null, false, false);
      } catch (OverBudget e) {
        skip(e.open);
        return new Line(
            n, null, "record " + n + " is longer than " + maxRecordBytes + " bytes of text; it was skipped without being kept (shorten it, or raise IngestOptions.maxRowBytes)", false, true);
      }
    }

    private static String kind(JsonToken t) {
      return switch (t) {
        case START_ARRAY -> "array";
        case VALUE_STRING -> "string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
        case VALUE_TRUE, VALUE_FALSE -> "boolean";
        case VALUE_NULL -> "null";
        default -> t.toString();
      };
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
