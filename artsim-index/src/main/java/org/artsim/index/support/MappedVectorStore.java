package org.artsim.index.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * Rows of little-endian float32 in memory-mapped file segments off the Java heap ({@link
 * MappedRows}): the heap holds none of the vectors, the operating system pages them, and byte
 * offsets are {@code long}, so the only limit is {@link ItemStore#MAX_SLOTS} rows. A store opened
 * from a saved file maps the file's vector section copy-on-write instead of reading it.
 *
 * <p>Scoring copies up to {@code scratch.length / dim} rows at a time into the search's scratch
 * array and runs the shared kernels on it, so scores equal {@link HeapVectorStore}'s bit for bit.
 * Part of artsim-index's implementation; see {@link VectorStore} for the threading rules.
 */
public final class MappedVectorStore implements VectorStore {
  /** Rows copied per kernel call on the single-query path (about 64 KiB at 512 dimensions). */
  private static final int SCAN_BYTES = 64 << 10;

  private final int dim;
  private final MappedRows rows;

  MappedVectorStore(int dim, MappedRows rows) {
    this.dim = dim;
    this.rows = rows;
  }

  /** An empty store for rows of {@code dim}, growing in {@code directory} (null: the temporary directory). */
  public static MappedVectorStore create(String kind, int dim, int capacity, Path directory) {
    Foreign.require(kind);
    var store = new MappedVectorStore(dim, MappedRows.create(4L * dim, directory));
    store.ensureCapacity(Math.max(1, capacity));
    return store;
  }

  /**
   * Maps {@code count} rows from {@code channel} at byte {@code offset} (checked by the caller to
   * lie inside the file), copy-on-write if {@code channelWritable} (see {@link MappedRows}).
   */
  public static MappedVectorStore open(String kind, int dim, FileChannel channel, long offset, int count, Path directory, boolean channelWritable)
      throws IOException {
    Foreign.require(kind);
    return new MappedVectorStore(dim, MappedRows.open(channel, offset, count, 4L * dim, directory, channelWritable));
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int maxRows() {
    return ItemStore.MAX_SLOTS;
  }

  @Override
  public void ensureCapacity(int count) {
    rows.ensureCapacity(count);
  }

  @Override
  public void set(int row, float[] v) {
    Object segment = rows.writableSegment(row);
    Foreign.writeFloats(v, 0, segment, rows.offset(row), dim);
  }

  @Override
  public void get(int row, float[] dst, int dstOff) {
    Foreign.readFloats(rows.segment(row), rows.offset(row), dst, dstOff, dim);
  }

  @Override
  public void move(int from, int to) {
    float[] row = new float[dim];
    get(from, row, 0);
    set(to, row);
  }

  @Override
  public float[] newScratch(int count) {
    return new float[Math.max(count, 1) * dim];
  }

  /** Rows per scan step for a scratch array. */
  private int step(float[] scratch) {
    return Math.max(1, Math.min(scratch.length / dim, Math.max(1, SCAN_BYTES / (4 * dim))));
  }

  /** Copies rows {@code [from, to)} (all in one segment run) into {@code scratch}. */
  private void copy(int from, int to, float[] scratch) {
    Foreign.readFloats(rows.segment(from), rows.offset(from), scratch, 0, (to - from) * dim);
  }

  @Override
  public void scoreRows(VectorKernels kernels, Score score, float[] q, int qOff, int from, int to, float[] out, int outOff, float[] scratch) {
    int step = step(scratch);
    int r = from;
    while (r < to) {
      int end = Math.min(rows.runEnd(r, to), r + step);
      copy(r, end, scratch);
      kernels.scoreRows(score, q, qOff, scratch, dim, 0, end - r, out, outOff + r - from);
      r = end;
    }
  }

  @Override
  public float score(VectorKernels kernels, Score score, float[] q, int qOff, int row, float[] scratch) {
    get(row, scratch, 0);
    return score == Score.DOT ? kernels.dot(q, qOff, scratch, 0, dim) : -kernels.squaredDistance(q, qOff, scratch, 0, dim);
  }

  @Override
  public float packRows(VectorKernels kernels, int from, int to, float[] packed, float[] scratch) {
    int r = from;
    while (r < to) {
      int end = rows.runEnd(r, to);
      Foreign.readFloats(rows.segment(r), rows.offset(r), scratch, (r - from) * dim, (end - r) * dim);
      r = end;
    }
    return kernels.packRows(scratch, dim, 0, to - from, packed);
  }

  @Override
  public void writeRows(BinaryOut out, int count) throws IOException {
    byte[] buf = new byte[(int) Math.max(4L * dim, 1 << 16) / (4 * dim) * 4 * dim];
    int per = buf.length / (4 * dim);
    int r = 0;
    while (r < count) {
      int end = Math.min(rows.runEnd(r, count), r + per);
      int bytes = (end - r) * 4 * dim;
      Foreign.readBytes(rows.segment(r), rows.offset(r), buf, 0, bytes);
      out.writeBytes(buf, 0, bytes);
      r = end;
    }
  }

  @Override
  public long heapBytes() {
    return 0;
  }

  @Override
  public long mappedBytes() {
    return rows.mappedBytes();
  }

  @Override
  public void close() {
    rows.close();
  }
}
