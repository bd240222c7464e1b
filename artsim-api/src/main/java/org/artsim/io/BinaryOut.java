package org.artsim.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the primitive values of artsim's binary formats: big-endian ints, longs and floats,
 * length-prefixed UTF-8 strings, and float/int arrays in bulk. Not thread-safe.
 */
public final class BinaryOut {
  private final OutputStream out;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);

  BinaryOut(OutputStream out) {
    this.out = out;
  }

  private void ensure(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush();
    }
  }

  void flush() throws IOException {
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }

  /** Writes a 32-bit int. */
  public void writeInt(int v) throws IOException {
    ensure(4);
    buf.putInt(v);
  }

  /** Writes a 64-bit long. */
  public void writeLong(long v) throws IOException {
    ensure(8);
    buf.putLong(v);
  }

  /** Writes a 32-bit float. */
  public void writeFloat(float v) throws IOException {
    ensure(4);
    buf.putFloat(v);
  }

  /** Writes a 64-bit double. */
  public void writeDouble(double v) throws IOException {
    ensure(8);
    buf.putDouble(v);
  }

  /** Writes a byte. */
  public void writeByte(int v) throws IOException {
    ensure(1);
    buf.put((byte) v);
  }

  /** Writes a boolean as one byte. */
  public void writeBoolean(boolean v) throws IOException {
    writeByte(v ? 1 : 0);
  }

  /** Writes a string as an int byte count and its UTF-8 bytes; null is written as count -1. */
  public void writeString(String s) throws IOException {
    if (s == null) {
      writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(b.length);
    writeBytes(b, 0, b.length);
  }

  /** Writes labels as a count and field/value string pairs; {@link BinaryIn#readLabels} reads them. */
  public void writeLabels(org.artsim.Labels labels) throws IOException {
    writeInt(labels.values().size());
    for (var e : labels.values().entrySet()) {
      writeString(e.getKey());
      writeString(e.getValue());
    }
  }

  /** Writes raw bytes. */
  public void writeBytes(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      ensure(1);
      int n = Math.min(len, buf.remaining());
      buf.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  /** Writes {@code len} floats of {@code a} from {@code off}, without a count. */
  public void writeFloats(float[] a, int off, int len) throws IOException {
    while (len > 0) {
      ensure(4);
      int n = Math.min(len, buf.remaining() / 4);
      buf.asFloatBuffer().put(a, off, n);
      buf.position(buf.position() + 4 * n);
      off += n;
      len -= n;
    }
  }

  /** Writes {@code len} ints of {@code a} from {@code off}, without a count. */
  public void writeInts(int[] a, int off, int len) throws IOException {
    while (len > 0) {
      ensure(4);
      int n = Math.min(len, buf.remaining() / 4);
      buf.asIntBuffer().put(a, off, n);
      buf.position(buf.position() + 4 * n);
      off += n;
      len -= n;
    }
  }
}
