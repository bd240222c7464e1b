package org.artsim.collection.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.artsim.Labels;

/**
 * Rows of a NumPy {@code .npy} file (see {@link NpyHeader}), read through a buffer of about 1 MiB:
 * float64 values are narrowed to float32 (a value too large for float32 becomes infinite and is
 * refused by the importer). Ids and labels come from sidecars ({@link SidecarSource}).
 */
final class NpyVectorSource implements VectorSource {
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel ch;
  private final NpyHeader header;
  private ByteBuffer buf;
  private long next;

  NpyVectorSource(Path file, int maxDimension) throws IOException {
    this.file = file;
    this.ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      this.header = NpyHeader.read(file, ch, maxDimension);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public long rows() {
    return header.rows();
  }

  @Override
  public int dimension() {
    return header.dimension();
  }

  @Override
  public VectorRow next() throws IOException {
    if (next >= header.rows()) {
      return null;
    }
    int rowBytes = (int) header.rowBytes();
    if (buf == null) {
      buf = ByteBuffer.allocate(rowBytes * Math.max(1, BUFFER_BYTES / rowBytes)).order(header.order());
      buf.limit(0);
    }
    if (buf.remaining() < rowBytes) {
      long left = (header.rows() - next) * rowBytes;
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), left));
      long pos = header.dataOffset() + next * rowBytes;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw NpyHeader.bad(file, "ended early: it was shortened while being read; re-export it");
        }
        pos += n;
      }
      buf.flip();
    }
    float[] v = new float[header.dimension()];
    if (header.itemBytes() == 4) {
      buf.asFloatBuffer().get(v);
    } else {
      var d = buf.asDoubleBuffer();
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) d.get();
      }
    }
    buf.position(buf.position() + rowBytes);
    next++;
    return new VectorRow(next, null, v, Labels.none(), null);
  }

  @Override
  public void skip(long n) {
    next = Math.min(header.rows(), next + n);
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
