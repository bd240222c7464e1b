package org.artsim.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.artsim.FileFormatException;

/**
 * Reads what {@link BinaryOut} wrote, never past the payload's end, and checks every count against
 * the bytes that remain before allocating for it, so a damaged count is a {@link
 * FileFormatException}, not an {@link OutOfMemoryError}. Not thread-safe.
 */
public final class BinaryIn {
  private final InputStream in;
  private final String file;
  private long remaining;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);

  BinaryIn(InputStream in, long length, String file) {
    this.in = in;
    this.remaining = length;
    this.file = file;
    buf.limit(0);
  }

  /** Bytes left in the payload. */
  public long remaining() {
    return remaining + buf.remaining();
  }

  private void need(int bytes) throws IOException {
    if (buf.remaining() >= bytes) {
      return;
    }
    buf.compact();
    while (buf.position() < bytes) {
      int want = (int) Math.min(buf.remaining(), remaining);
      if (want <= 0) {
        buf.flip();
        throw corrupt("the data ends early");
      }
      int n = in.read(buf.array(), buf.position(), want);
      if (n < 0) {
        buf.flip();
        throw corrupt("the data ends early");
      }
      buf.position(buf.position() + n);
      remaining -= n;
    }
    buf.flip();
  }

  /** A {@link FileFormatException} naming the file and the problem. */
  public FileFormatException corrupt(String problem) {
    return new FileFormatException(file + " is damaged: " + problem + "; restore it from a backup or rebuild it");
  }

  /** Reads a 32-bit int. */
  public int readInt() throws IOException {
    need(4);
    return buf.getInt();
  }

  /** Reads a 64-bit long. */
  public long readLong() throws IOException {
    need(8);
    return buf.getLong();
  }

  /** Reads a 32-bit float. */
  public float readFloat() throws IOException {
    need(4);
    return buf.getFloat();
  }

  /** Reads a 64-bit double. */
  public double readDouble() throws IOException {
    need(8);
    return buf.getDouble();
  }

  /** Reads a byte. */
  public int readByte() throws IOException {
    need(1);
    return buf.get();
  }

  /** Reads a boolean written as one byte. */
  public boolean readBoolean() throws IOException {
    int b = readByte();
    if (b != 0 && b != 1) {
      throw corrupt("a boolean byte is " + b);
    }
    return b == 1;
  }

  /**
   * Reads a count and checks it is in {@code [0, max]} and that {@code count * bytesEach} bytes
   * can still follow.
   */
  public int readCount(String what, int max, int bytesEach) throws IOException {
    int n = readInt();
    if (n < 0 || n > max || (long) n * bytesEach > remaining()) {
      throw corrupt(what + " count " + n + " is impossible here");
    }
    return n;
  }

  /** Reads a string written by {@link BinaryOut#writeString}. */
  public String readString() throws IOException {
    int n = readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > remaining()) {
      throw corrupt("a string length " + n + " is impossible here");
    }
    byte[] b = new byte[n];
    readBytes(b, 0, n);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Reads labels written by {@link BinaryOut#writeLabels}, refusing empty or repeated fields. */
  public org.artsim.Labels readLabels() throws IOException {
    int n = readCount("label", 1 << 16, 8);
    if (n == 0) {
      return org.artsim.Labels.none();
    }
    var map = new java.util.LinkedHashMap<String, String>();
    for (int i = 0; i < n; i++) {
      String f = readString();
      String v = readString();
      if (f == null || v == null || f.isBlank() || v.isBlank() || map.put(f, v) != null) {
        throw corrupt("a label is empty or repeated");
      }
    }
    return org.artsim.Labels.of(map);
  }

  /** Reads raw bytes. */
  public void readBytes(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      need(1);
      int n = Math.min(len, buf.remaining());
      buf.get(b, off, n);
      off += n;
      len -= n;
    }
  }

  /** Reads {@code len} floats into {@code a} from {@code off}. */
  public void readFloats(float[] a, int off, int len) throws IOException {
    if ((long) len * 4 > remaining()) {
      throw corrupt(len + " floats cannot follow");
    }
    while (len > 0) {
      need(4);
      int n = Math.min(len, buf.remaining() / 4);
      buf.asFloatBuffer().get(a, off, n);
      buf.position(buf.position() + 4 * n);
      off += n;
      len -= n;
    }
  }

  /** Reads {@code len} ints into {@code a} from {@code off}. */
  public void readInts(int[] a, int off, int len) throws IOException {
    if ((long) len * 4 > remaining()) {
      throw corrupt(len + " ints cannot follow");
    }
    while (len > 0) {
      need(4);
      int n = Math.min(len, buf.remaining() / 4);
      buf.asIntBuffer().get(a, off, n);
      buf.position(buf.position() + 4 * n);
      off += n;
      len -= n;
    }
  }
}
