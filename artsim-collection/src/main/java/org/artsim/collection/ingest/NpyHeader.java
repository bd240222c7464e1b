package org.artsim.collection.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.artsim.FileFormatException;

/**
 * The header of a NumPy {@code .npy} file, read and checked: the magic string, format version 1, 2
 * or 3, a header of at most {@link #MAX_HEADER_BYTES} bytes holding a Python dictionary literal with
 * exactly the keys {@code descr}, {@code fortran_order} and {@code shape}; a dtype of float32 or
 * float64 in either byte order; C order; a 2-D shape whose data fits in the file. Every refusal is a
 * {@link FileFormatException} naming the file and saying how to re-export it.
 *
 * @param rows the first dimension of the shape
 * @param dimension the second dimension of the shape
 * @param itemBytes 4 (float32) or 8 (float64)
 * @param order the byte order of the data
 * @param dataOffset where the data starts in the file
 */
record NpyHeader(long rows, int dimension, int itemBytes, ByteOrder order, long dataOffset) {

  /** The longest header read, in bytes; NumPy's own reader refuses headers over 10,000 bytes by default. */
  static final int MAX_HEADER_BYTES = 65_536;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** The bytes of one row. */
  long rowBytes() {
    return (long) dimension * itemBytes;
  }

  /** Reads and checks the header of {@code file} from {@code ch}; the file must hold all the data the shape promises. */
  static NpyHeader read(Path file, FileChannel ch, int maxDimension) throws IOException {
    long size = ch.size();
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, pre, 0);
    if (pre.position() < 10 || !startsWithMagic(pre)) {
      throw bad(file, "does not start with the .npy magic string \\x93NUMPY; it is not a NumPy file (save it with numpy.save)");
    }
    int major = pre.get(6) & 0xff;
    int minor = pre.get(7) & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw bad(file, "has .npy format version " + major + "." + minor + "; versions 1.0, 2.0 and 3.0 are read (save it with numpy.save)");
    }
    long headerLen;
    int start;
    if (major == 1) {
      headerLen = pre.getShort(8) & 0xffff;
      start = 10;
    } else {
      if (pre.position() < 12) {
        throw bad(file, "is truncated inside its header; re-export it");
      }
      headerLen = pre.getInt(8) & 0xffffffffL;
      start = 12;
    }
    if (headerLen > MAX_HEADER_BYTES) {
      throw bad(file, "declares a header of " + headerLen + " bytes, more than the " + MAX_HEADER_BYTES + " read; it is damaged or crafted (numpy.save writes headers under 200 bytes)");
    }
    if (start + headerLen > size) {
      throw bad(file, "is truncated: its header of " + headerLen + " bytes ends past the end of the file (" + size + " bytes); re-export it");
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    readFully(ch, hb, start);
    String text;
    try {
      text = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII)
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(hb.flip())
          .toString();
    } catch (CharacterCodingException e) {
      throw bad(file, "has a header that is not " + (major == 3 ? "UTF-8" : "ASCII") + "; it is damaged (save it with numpy.save)");
    }
    Map<String, Object> dict = new Literal(file, text).dictionary();
    if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
      throw bad(file, "has the header keys " + new java.util.TreeSet<>(dict.keySet()) + "; a .npy header has exactly descr, fortran_order and shape");
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw bad(file, "has a dtype that is not a type string; save a plain 2-D float32 array (x.astype(numpy.float32))");
    }
    int itemBytes;
    ByteOrder order;
    switch (descr) {
      case "<f4" -> { itemBytes = 4; order = ByteOrder.LITTLE_ENDIAN; }
      case ">f4" -> { itemBytes = 4; order = ByteOrder.BIG_ENDIAN; }
      case "<f8" -> { itemBytes = 8; order = ByteOrder.LITTLE_ENDIAN; }
      case ">f8" -> { itemBytes = 8; order = ByteOrder.BIG_ENDIAN; }
      default -> throw bad(file, "holds dtype '" + clip(descr) + "'; float32 and float64 ('<f4', '>f4', '<f8', '>f8') are read: convert with x.astype(numpy.float32)");
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw bad(file, "has a fortran_order that is not True or False; save it with numpy.save");
    }
    if (fortran) {
      throw bad(file, "is in Fortran (column-major) order; save numpy.ascontiguousarray(x) so rows are contiguous");
    }
    if (!(dict.get("shape") instanceof List<?> shape) || shape.size() != 2) {
      int dims = dict.get("shape") instanceof List<?> l ? l.size() : -1;
      throw bad(file, "holds a " + (dims < 0 ? "shape that is not a tuple" : dims + "-D array") + "; a 2-D array (rows, dimension) is read: reshape it with x.reshape(len(x), -1)");
    }
    long rows = (Long) shape.get(0);
    long dim = (Long) shape.get(1);
    if (dim < 1 || dim > maxDimension) {
      throw bad(file, "has rows of " + dim + " values; the dimension must be in [1, " + maxDimension + "]");
    }
    long dataBytes;
    try {
      dataBytes = Math.multiplyExact(Math.multiplyExact(rows, dim), (long) itemBytes);
    } catch (ArithmeticException e) {
      throw bad(file, "declares the shape (" + rows + ", " + dim + "), too large for any file; it is damaged or crafted");
    }
    long offset = start + headerLen;
    if (size - offset < dataBytes) {
      throw bad(file, "is truncated: its shape (" + rows + ", " + dim + ") needs " + dataBytes + " bytes of data but the file holds " + (size - offset)
          + " (" + (size - offset) / ((long) dim * itemBytes) + " whole rows); re-export it");
    }
    if (size - offset > dataBytes) {
      throw bad(file, "holds " + (size - offset - dataBytes) + " bytes after the data of shape (" + rows + ", " + dim + "); it is damaged or not one array (numpy.savez files are .npz)");
    }
    return new NpyHeader(rows, (int) dim, itemBytes, order, offset);
  }

  private static boolean startsWithMagic(ByteBuffer pre) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (pre.get(i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        return;
      }
      pos += n;
    }
  }

  static FileFormatException bad(Path file, String what) {
    return new FileFormatException("the vector file " + file + " " + what);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** A parser of the Python literal subset .npy headers use: a dict of quoted keys to strings, True/False and tuples of integers. */
  private static final class Literal {
    private final Path file;
    private final String s;
    private int i;

    Literal(Path file, String s) {
      this.file = file;
      this.s = s;
    }

    Map<String, Object> dictionary() {
      space();
      expect('{');
      var out = new HashMap<String, Object>();
      space();
      while (peek() != '}') {
        String key = string();
        space();
        expect(':');
        space();
        Object value = value();
        if (out.put(key, value) != null) {
          throw fail("repeats the key '" + clip(key) + "'");
        }
        space();
        if (peek() == ',') {
          i++;
          space();
        } else if (peek() != '}') {
          throw fail("misses a comma");
        }
      }
      i++;
      space();
      if (i != s.length()) {
        throw fail("has text after the dictionary");
      }
      return out;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        return tuple();
      }
      if (s.startsWith("True", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("False", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (c == '[') {
        throw fail("has a structured dtype (a list of fields); save a plain 2-D float32 array (x.astype(numpy.float32))");
      }
      throw fail("has a value that is not a string, True, False or a tuple");
    }

    private List<Long> tuple() {
      expect('(');
      var out = new ArrayList<Long>();
      space();
      while (peek() != ')') {
        if (out.size() >= 32) {
          throw fail("has a shape of more than 32 dimensions");
        }
        out.add(integer());
        space();
        if (peek() == ',') {
          i++;
          space();
        } else if (peek() != ')') {
          throw fail("has a shape that is not a tuple of integers");
        }
      }
      i++;
      return out;
    }

    private long integer() {
      int from = i;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
      if (i == from) {
        throw fail("has a shape entry that is not a non-negative integer");
      }
      if (i - from > 18) {
        throw fail("has a shape entry of " + (i - from) + " digits; it is damaged or crafted");
      }
      long v = Long.parseLong(s.substring(from, i));
      if (i < s.length() && s.charAt(i) == 'L') {
        i++; // Python 2 long suffix
      }
      return v;
    }

    private String string() {
      char q = peek();
      if (q != '\'' && q != '"') {
        throw fail("has a key that is not a quoted string");
      }
      int end = s.indexOf(q, i + 1);
      if (end < 0) {
        throw fail("has a string that is never closed");
      }
      String v = s.substring(i + 1, end);
      i = end + 1;
      return v;
    }

    private char peek() {
      if (i >= s.length()) {
        throw fail("ends early");
      }
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw fail("has '" + s.charAt(i) + "' where '" + c + "' belongs");
      }
      i++;
    }

    private void space() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\t' || s.charAt(i) == '\r')) {
        i++;
      }
    }

    private FileFormatException fail(String what) {
      return bad(file, "has a header that " + what + " (at character " + i + "); it is damaged or not written by numpy.save");
    }
  }
}
