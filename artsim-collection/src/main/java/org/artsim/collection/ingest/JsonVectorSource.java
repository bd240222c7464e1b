package org.artsim.collection.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows of a JSON Lines vector file, read with the catalogue's {@link JsonLines.Reader} (one line in
 * memory at a time, jackson-core's streaming parser with its nesting and number-length limits): the
 * id from the key {@code idColumn} (a string or a number), the vector from one key holding an array
 * of numbers or from one key per value, labels from {@code labelColumns}. Keys are per line, so a
 * missing key is a problem of that row.
 */
final class JsonVectorSource implements VectorSource {
  private final InputStream in;
  private final JsonLines.Reader json;
  private final VectorImportOptions o;

  JsonVectorSource(Path file, VectorImportOptions o) throws IOException {
    this.in = Files.newInputStream(file);
    this.json = new JsonLines.Reader(in, o.maxRowBytes());
    this.o = o;
  }

  @Override
  public long rows() {
    return -1;
  }

  @Override
  public int dimension() {
    return -1;
  }

  @Override
  public VectorRow next() throws IOException {
    JsonLines.Line line = json.next();
    if (line == null) {
      return null;
    }
    long n = line.line();
    if (line.problem() != null) {
      RowProblem.Kind kind = line.tooLong() ? RowProblem.Kind.TOO_LONG : line.encoding() ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW;
      return VectorRow.bad(n, null, kind, line.problem());
    }
    Map<String, Object> obj = line.object();
    Object rawId = obj.get(o.idColumn());
    if (rawId instanceof Map || rawId instanceof List) {
      return VectorRow.bad(n, null, RowProblem.Kind.MALFORMED_ROW, "the id '" + o.idColumn() + "' is an object or array; write it as a string or number");
    }
    String id = rawId == null || rawId.toString().isBlank() ? null : rawId.toString().strip();
    List<String> keys = o.vectorColumns();
    if (keys.isEmpty()) {
      if (obj.containsKey("vector")) {
        keys = List.of("vector");
      } else {
        var rest = new ArrayList<String>();
        for (String k : obj.keySet()) {
          if (!k.equals(o.idColumn()) && !o.labelColumns().contains(k)) {
            rest.add(k);
          }
        }
        keys = rest;
      }
    }
    float[] v;
    try {
      if (keys.isEmpty()) {
        throw new VectorText.NotAVector("the line has no vector (no key 'vector' and no other keys)");
      }
      if (keys.size() == 1) {
        v = one(keys.get(0), obj);
      } else {
        v = new float[keys.size()];
        for (int i = 0; i < v.length; i++) {
          Object x = obj.get(keys.get(i));
          if (!(x instanceof String s)) {
            throw new VectorText.NotAVector("the key '" + keys.get(i) + "' is " + (x == null ? "missing or null" : "not a number"));
          }
          v[i] = VectorText.number(keys.get(i), s);
        }
      }
    } catch (VectorText.NotAVector e) {
      return VectorRow.bad(n, id, RowProblem.Kind.BAD_VECTOR, e.getMessage() + "; write the vector as an array of numbers");
    }
    return new VectorRow(n, id, v, VectorText.labels(o.labelColumns(), k -> JsonLines.text(obj.get(k))), null);
  }

  private static float[] one(String key, Map<String, Object> obj) throws VectorText.NotAVector {
    Object x = obj.get(key);
    if (x instanceof List<?> list) {
      return VectorText.list(key, list);
    }
    if (x instanceof String s) {
      return new float[] {VectorText.number(key, s)};
    }
    throw new VectorText.NotAVector("the key '" + key + "' is " + (x == null ? "missing or null" : "an object") + ", not an array of numbers");
  }

  @Override
  public void skip(long n) throws IOException {
    for (long i = 0; i < n && json.next() != null; i++) {
      // each line is read and dropped
    }
  }

  @Override
  public String where(long number) {
    return "line " + number;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
