package org.artsim.collection.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes vector files in every format the importer reads, for the round-trip and error tests. */
final class VectorFileWriter {
  private VectorFileWriter() {}

  /** The bytes of a .npy file with an explicit header dictionary (so tests can craft bad ones). */
  static byte[] npy(int major, String dict, byte[] data) {
    byte[] h = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
    int pre = major == 1 ? 10 : 12;
    int pad = (64 - (pre + h.length + 1) % 64) % 64;
    int len = h.length + pad + 1;
    ByteBuffer b = ByteBuffer.allocate(pre + len + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) len);
    } else {
      b.putInt(len);
    }
    b.put(h).put(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII)).put((byte) '\n').put(data);
    return b.array();
  }

  /** A 2-D float array as .npy: float32 ({@code itemBytes} 4) or float64 (8), either byte order. */
  static byte[] npy(int major, float[][] rows, int dim, int itemBytes, ByteOrder order) {
    String descr = (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + "f" + itemBytes;
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows.length + ", " + dim + "), }";
    ByteBuffer d = ByteBuffer.allocate(rows.length * dim * itemBytes).order(order);
    for (float[] r : rows) {
      for (float x : r) {
        if (itemBytes == 4) {
          d.putFloat(x);
        } else {
          d.putDouble(x);
        }
      }
    }
    return npy(major, dict, d.array());
  }

  /** Rows as .fvecs ({@code element} "f"), .bvecs ("b", values 0..255) or .ivecs ("i", integral values). */
  static byte[] vecs(float[][] rows, char element) {
    int each = element == 'b' ? 1 : 4;
    int size = 0;
    for (float[] r : rows) {
      size += 4 + r.length * each;
    }
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      b.putInt(r.length);
      for (float x : r) {
        switch (element) {
          case 'f' -> b.putFloat(x);
          case 'i' -> b.putInt((int) x);
          default -> b.put((byte) (int) x);
        }
      }
    }
    return b.array();
  }

  /** A CSV with columns id, the vector (as one JSON array column or one column per value) and labels. */
  static String csv(List<String> ids, float[][] rows, int dim, List<Map<String, String>> labels, List<String> labelFields, boolean arrayColumn) {
    var sb = new StringBuilder();
    var header = new ArrayList<String>();
    header.add("id");
    if (arrayColumn) {
      header.add("vector");
    } else {
      for (int j = 0; j < dim; j++) {
        header.add("f" + j);
      }
    }
    header.addAll(labelFields);
    sb.append(Csv.line(header));
    for (int i = 0; i < rows.length; i++) {
      var f = new ArrayList<String>();
      f.add(ids.get(i));
      if (arrayColumn) {
        f.add(array(rows[i]));
      } else {
        for (float x : rows[i]) {
          f.add(Float.toString(x));
        }
      }
      for (String l : labelFields) {
        f.add(labels.get(i).getOrDefault(l, ""));
      }
      sb.append(Csv.line(f));
    }
    return sb.toString();
  }

  /** JSON Lines with keys id, vector (an array) and the labels. */
  static String jsonl(List<String> ids, float[][] rows, List<Map<String, String>> labels) {
    var sb = new StringBuilder();
    for (int i = 0; i < rows.length; i++) {
      sb.append("{\"id\": ").append(quote(ids.get(i))).append(", \"vector\": ").append(array(rows[i]));
      labels.get(i).forEach((k, v) -> sb.append(", ").append(quote(k)).append(": ").append(quote(v)));
      sb.append("}\n");
    }
    return sb.toString();
  }

  static String array(float[] v) {
    var sb = new StringBuilder("[");
    for (int j = 0; j < v.length; j++) {
      sb.append(j > 0 ? ", " : "").append(Float.toString(v[j]));
    }
    return sb.append(']').toString();
  }

  static String quote(String s) {
    var sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  static Path write(Path p, byte[] bytes) throws IOException {
    Files.write(p, bytes);
    return p;
  }

  static Path write(Path p, String text) throws IOException {
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
