package org.artsim.index.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.artsim.InvalidArgumentException;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * Rows in one row-major {@code float[]} on the Java heap (row {@code r} at {@code r * dim}), grown
 * by half when full: the fastest store while the vectors fit in the heap, limited to {@code (2^31 -
 * 16) / dim} rows by the array's size. Part of artsim-index's implementation; see {@link
 * VectorStore} for the threading rules.
 */
public final class HeapVectorStore implements VectorStore {
  private final int dim;
  private final String kind;
  private float[] data;

  /** Room for {@code capacity} rows of {@code dim}; {@code kind} names the index in messages. */
  public HeapVectorStore(String kind, int dim, int capacity) {
    this.kind = kind;
    this.dim = dim;
    this.data = new float[Math.max(1, Math.min(capacity, maxRows(dim))) * dim];
  }

  private static int maxRows(int dim) {
    return (Integer.MAX_VALUE - 16) / dim;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int maxRows() {
    return maxRows(dim);
  }

  @Override
  public void ensureCapacity(int rows) {
    if (rows * (long) dim <= data.length) {
      return;
    }
    int max = maxRows(dim);
    if (rows > max) {
      throw new InvalidArgumentException(
          "a " + kind + " index of dimension " + dim + " on the heap holds at most " + max
              + " vectors; use storage=mapped (no such limit), split the collection or use a smaller dimension");
    }
    int held = data.length / dim;
    int cap = (int) Math.min(max, Math.max(rows, held + (held >> 1) + 16L));
    data = Arrays.copyOf(data, cap * dim);
  }

  @Override
  public void set(int row, float[] v) {
    System.arraycopy(v, 0, data, row * dim, dim);
  }

  @Override
  public void get(int row, float[] dst, int dstOff) {
    System.arraycopy(data, row * dim, dst, dstOff, dim);
  }

  @Override
  public void move(int from, int to) {
    System.arraycopy(data, from * dim, data, to * dim, dim);
  }

  @Override
  public float[] newScratch(int rows) {
    return new float[0];
  }

  @Override
  public void scoreRows(VectorKernels kernels, Score score, float[] q, int qOff, int from, int to, float[] out, int outOff, float[] scratch) {
    kernels.scoreRows(score, q, qOff, data, dim, from, to, out, outOff);
  }

  @Override
  public float score(VectorKernels kernels, Score score, float[] q, int qOff, int row, float[] scratch) {
    return score == Score.DOT ? kernels.dot(q, qOff, data, row * dim, dim) : -kernels.squaredDistance(q, qOff, data, row * dim, dim);
  }

  @Override
  public float packRows(VectorKernels kernels, int from, int to, float[] packed, float[] scratch) {
    return kernels.packRows(data, dim, from, to, packed);
  }

  @Override
  public void writeRows(BinaryOut out, int rows) throws IOException {
    var buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    long total = (long) rows * dim;
    int at = 0;
    while (at < total) {
      int n = (int) Math.min(buf.capacity() / 4, total - at);
      buf.clear();
      buf.asFloatBuffer().put(data, at, n);
      out.writeBytes(buf.array(), 0, n * 4);
      at += n;
    }
  }

  @Override
  public long heapBytes() {
    return 4L * data.length;
  }

  @Override
  public long mappedBytes() {
    return 0;
  }

  @Override
  public void close() {
    data = new float[0];
  }
}
