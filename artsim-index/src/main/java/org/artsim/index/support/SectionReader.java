package org.artsim.index.support;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.artsim.FileFormatException;
import org.artsim.Labels;

/**
 * Reads big-endian values of artsim's binary formats from a region {@code [position, end)} of a
 * file channel, never past {@code end}, checking every length against the bytes that remain before
 * allocating: the reader of the parts of a memory-mapped file that are not mapped (header fields,
 * items). Mirrors {@link org.artsim.io.BinaryIn}. Part of artsim-index's implementation; not
 * thread-safe.
 */
public final class SectionReader implements ItemInput {
  private final DataInputStream in;
  private final String file;
  private long position;
  private final long end;

  /**
   * A reader of {@code channel} from {@code position} to {@code end}; {@code file} names it in
   * messages. It never reads a byte of the file outside {@code [position, end)}: a buffered reader
   * reads ahead only up to {@code end}, an unbuffered one reads exactly the bytes asked for.
   */
  public SectionReader(FileChannel channel, long position, long end, String file, boolean buffered) throws IOException {
    channel.position(position);
    InputStream raw = new BoundedInput(Channels.newInputStream(channel), Math.max(0, end - position));
    this.in = new DataInputStream(buffered ? new BufferedInputStream(raw, 1 << 16) : raw);
    this.position = position;
    this.end = end;
    this.file = file;
  }

  /** The absolute file position of the next byte. */
  public long position() {
    return position;
  }

  /** An input stream that ends after {@code left} bytes. */
  private static final class BoundedInput extends FilterInputStream {
    private long left;

    BoundedInput(InputStream in, long left) {
      super(in);
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  @Override
  public long remaining() {
    return end - position;
  }

  private void need(long bytes) {
    if (bytes > remaining()) {
      throw corrupt("the data ends early");
    }
    position += bytes;
  }

  @Override
  public FileFormatException corrupt(String problem) {
    return new FileFormatException(file + " is damaged: " + problem + "; restore it from a backup or rebuild it");
  }

  @Override
  public int readInt() throws IOException {
    need(4);
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw corrupt("the data ends early");
    }
  }

  /** Reads a big-endian float. */
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  /** Reads {@code n} big-endian floats (the caller has checked they fit). */
  public float[] readFloats(int n) throws IOException {
    if (4L * n > remaining()) {
      throw corrupt(n + " floats cannot follow");
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = readFloat();
    }
    return out;
  }

  @Override
  public boolean readBoolean() throws IOException {
    need(1);
    int b = in.readByte();
    if (b != 0 && b != 1) {
      throw corrupt("a boolean byte is " + b);
    }
    return b == 1;
  }

  @Override
  public String readString() throws IOException {
    int n = readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > remaining()) {
      throw corrupt("a string length " + n + " is impossible here");
    }
    need(n);
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public Labels readLabels() throws IOException {
    int n = readInt();
    if (n < 0 || n > (1 << 16) || 8L * n > remaining()) {
      throw corrupt("label count " + n + " is impossible here");
    }
    if (n == 0) {
      return Labels.none();
    }
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < n; i++) {
      String f = readString();
      String v = readString();
      if (f == null || v == null || f.isBlank() || v.isBlank() || map.put(f, v) != null) {
        throw corrupt("a label is empty or repeated");
      }
    }
    return Labels.of(map);
  }
}
