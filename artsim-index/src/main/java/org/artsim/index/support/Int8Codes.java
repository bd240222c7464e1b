package org.artsim.index.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;

/**
 * Rows of {@code dim} signed bytes (int8 codes of vectors), addressed by slot with {@code long}
 * offsets: on the heap in {@code byte[]} chunks of about 64 MiB (so no array reaches 2^31 bytes),
 * or in memory-mapped segments ({@link MappedRows}, e.g. the code section of a saved file mapped
 * copy-on-write). {@link #dotRows} feeds them to {@link VectorKernels#dotBytesRows}, copying mapped
 * rows into a scratch array first. Holds no quantisation rule of its own: the caller decides what
 * the bytes mean, so any index (flat, graph) can keep its codes here.
 *
 * <p>Part of artsim-index's implementation. Not thread-safe: the owning index guards it.
 */
public final class Int8Codes {
  private static final int CHUNK_BYTES = 64 << 20;
  private static final int SCAN_BYTES = 32 << 10;

  private final int dim;
  private final int chunkRows;
  private final List<byte[]> chunks;
  private final MappedRows mapped;

  private Int8Codes(int dim, MappedRows mapped) {
    this.dim = dim;
    this.chunkRows = Math.max(1, CHUNK_BYTES / dim);
    this.mapped = mapped;
    this.chunks = mapped == null ? new ArrayList<>() : null;
  }

  /** Empty codes on the heap. */
  public static Int8Codes onHeap(int dim, int capacity) {
    var c = new Int8Codes(dim, null);
    c.ensureCapacity(capacity);
    return c;
  }

  /** Empty codes in mapped segments growing in {@code directory} (null: the temporary directory). */
  public static Int8Codes mapped(int dim, int capacity, Path directory) {
    var c = new Int8Codes(dim, MappedRows.create(dim, directory));
    c.ensureCapacity(capacity);
    return c;
  }

  /** {@code count} rows mapped copy-on-write from {@code channel} at {@code offset} (checked by the caller). */
  public static Int8Codes open(int dim, FileChannel channel, long offset, int count, Path directory, boolean channelWritable) throws IOException {
    return new Int8Codes(dim, MappedRows.open(channel, offset, count, dim, directory, channelWritable));
  }

  /** Makes room for {@code rows} rows. */
  public void ensureCapacity(int rows) {
    if (mapped != null) {
      mapped.ensureCapacity(rows);
      return;
    }
    if (!chunks.isEmpty()) {
      byte[] last = chunks.get(chunks.size() - 1);
      int lastRows = last.length / dim;
      long want = rows - (long) (chunks.size() - 1) * chunkRows;
      if (lastRows < chunkRows && want > lastRows) {
        chunks.set(chunks.size() - 1, Arrays.copyOf(last, (int) Math.min(chunkRows, Math.max(want, lastRows + (lastRows >> 1) + 16L)) * dim));
      }
    }
    while (heldRows() < rows) {
      long want = rows - (long) chunks.size() * chunkRows;
      chunks.add(new byte[(int) Math.min(chunkRows, Math.max(want, 16)) * dim]);
    }
  }

  private long heldRows() {
    return chunks.isEmpty() ? 0 : (long) (chunks.size() - 1) * chunkRows + chunks.get(chunks.size() - 1).length / dim;
  }

  /** Writes {@code codes[0, dim)} to {@code row}. */
  public void set(int row, byte[] codes) {
    if (mapped != null) {
      Object segment = mapped.writableSegment(row);
      Foreign.writeBytes(codes, 0, segment, mapped.offset(row), dim);
    } else {
      System.arraycopy(codes, 0, chunks.get(row / chunkRows), (row % chunkRows) * dim, dim);
    }
  }

  /** Copies {@code row} into {@code dst[0, dim)}. */
  public void get(int row, byte[] dst) {
    if (mapped != null) {
      Foreign.readBytes(mapped.segment(row), mapped.offset(row), dst, 0, dim);
    } else {
      System.arraycopy(chunks.get(row / chunkRows), (row % chunkRows) * dim, dst, 0, dim);
    }
  }

  /** Copies row {@code from} over row {@code to}. */
  public void move(int from, int to) {
    byte[] row = new byte[dim];
    get(from, row);
    set(to, row);
  }

  /** A scratch array for {@link #dotRows} (empty on the heap). */
  public byte[] newScratch() {
    return mapped == null ? new byte[0] : new byte[Math.max(1, SCAN_BYTES / dim) * dim];
  }

  /** {@code out[outOff + r - from] = sum_d w[d] * code[r][d]} for rows {@code [from, to)} (see {@link VectorKernels#dotBytesRows}). */
  public void dotRows(VectorKernels kernels, float[] w, int from, int to, float[] out, int outOff, byte[] scratch) {
    int r = from;
    while (r < to) {
      if (mapped != null) {
        int end = Math.min(mapped.runEnd(r, to), r + scratch.length / dim);
        Foreign.readBytes(mapped.segment(r), mapped.offset(r), scratch, 0, (end - r) * dim);
        kernels.dotBytesRows(w, scratch, dim, 0, end - r, out, outOff + r - from);
        r = end;
      } else {
        int c = r / chunkRows;
        int base = c * chunkRows;
        int end = (int) Math.min(to, base + (long) chunkRows);
        kernels.dotBytesRows(w, chunks.get(c), dim, r - base, end - base, out, outOff + r - from);
        r = end;
      }
    }
  }

  /** Writes rows {@code [0, rows)}, row-major, without a count. */
  public void writeRows(BinaryOut out, int rows) throws IOException {
    byte[] row = new byte[dim];
    for (int r = 0; r < rows; r++) {
      get(r, row);
      out.writeBytes(row, 0, dim);
    }
  }

  /** Bytes of Java heap the codes occupy. */
  public long heapBytes() {
    long n = 0;
    if (chunks != null) {
      for (byte[] c : chunks) {
        n += c.length;
      }
    }
    return n;
  }

  /** Bytes mapped outside the heap. */
  public long mappedBytes() {
    return mapped == null ? 0 : mapped.mappedBytes();
  }

  /** Frees or unmaps the codes; idempotent. */
  public void close() {
    if (mapped != null) {
      mapped.close();
    } else {
      chunks.clear();
    }
  }
}
