package org.artsim.collection.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.artsim.FileFormatException;
import org.artsim.Labels;

/**
 * Rows of a TEXMEX {@code .fvecs}, {@code .bvecs} or {@code .ivecs} file: per row an int32
 * little-endian dimension, then that many float32, unsigned bytes or int32 values. The first row's
 * dimension fixes every row's; the file's length must be a whole number of rows (a shorter last row
 * means a truncated file) and a row announcing another dimension is refused, both as a {@link
 * FileFormatException}. Read through a buffer of about 1 MiB.
 */
final class VecsVectorSource implements VectorSource {
  private static final int BUFFER_BYTES = 1 << 20;

  /** The element types. */
  enum Element {
    FLOAT(4, ".fvecs"),
    UNSIGNED_BYTE(1, ".bvecs"),
    INT(4, ".ivecs");

    final int bytes;
    final String extension;

    Element(int bytes, String extension) {
      this.bytes = bytes;
      this.extension = extension;
    }
  }

  private final Path file;
  private final FileChannel ch;
  private final Element element;
  private final int dim;
  private final long rows;
  private final int rowBytes;
  private ByteBuffer buf;
  private long next;

  VecsVectorSource(Path file, Element element, int maxDimension) throws IOException {
    this.file = file;
    this.element = element;
    this.ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = ch.size();
      if (size == 0) {
        dim = 0;
        rows = 0;
        rowBytes = 0;
        return;
      }
      ByteBuffer first = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(first, 0);
      if (first.position() < 4) {
        throw bad("is truncated: it holds " + size + " bytes, less than one row's dimension field");
      }
      int d = first.getInt(0);
      if (d < 1 || d > maxDimension) {
        throw bad("starts with the dimension " + d + "; it must be in [1, " + maxDimension + "] (is this a " + element.extension + " file?)");
      }
      dim = d;
      rowBytes = 4 + d * element.bytes;
      if (size % rowBytes != 0) {
        throw bad("is truncated or not a " + element.extension + " file: its " + size + " bytes are not a whole number of rows of " + rowBytes + " bytes (dimension " + d + "); "
            + size / rowBytes + " whole rows, then " + size % rowBytes + " bytes; re-export it");
      }
      rows = size / rowBytes;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private FileFormatException bad(String what) {
    return new FileFormatException("the vector file " + file + " " + what);
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public int dimension() {
    return rows == 0 ? -1 : dim;
  }

  @Override
  public VectorRow next() throws IOException {
    if (next >= rows) {
      return null;
    }
    if (buf == null) {
      buf = ByteBuffer.allocate(rowBytes * Math.max(1, BUFFER_BYTES / rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
      buf.limit(0);
    }
    if (buf.remaining() < rowBytes) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), (rows - next) * rowBytes));
      long pos = next * rowBytes;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw bad("ended early: it was shortened while being read; re-export it");
        }
        pos += n;
      }
      buf.flip();
    }
    int d = buf.getInt();
    if (d != dim) {
      throw bad("has the dimension " + d + " at row index " + next + " where every row has " + dim + "; it is damaged or not a " + element.extension + " file");
    }
    float[] v = new float[dim];
    switch (element) {
      case FLOAT -> {
        buf.asFloatBuffer().get(v);
        buf.position(buf.position() + 4 * dim);
      }
      case INT -> {
        for (int i = 0; i < dim; i++) {
          v[i] = buf.getInt();
        }
      }
      case UNSIGNED_BYTE -> {
        for (int i = 0; i < dim; i++) {
          v[i] = buf.get() & 0xff;
        }
      }
    }
    next++;
    return new VectorRow(next, null, v, Labels.none(), null);
  }

  @Override
  public void skip(long n) {
    next = Math.min(rows, next + n);
    if (buf != null) {
      buf.limit(0);
    }
  }

  @Override
  public String where(long number) {
    return "row index " + (number - 1);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
