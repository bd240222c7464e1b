package org.artsim.index.hnsw;

import java.io.IOException;
import java.util.Arrays;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * Vectors on the heap, one {@code float[]} per ordinal: fp32 graphs score them with the gathered
 * kernel, which overlaps four rows' cache misses ({@link Fp32Scores}).
 */
final class HeapGraphRows implements GraphRows {
  private final int dim;
  private float[][] vectors;

  HeapGraphRows(int dim, int capacity) {
    this.dim = dim;
    this.vectors = new float[Math.max(16, capacity)][];
  }

  @Override
  public void ensureCapacity(int count) {
    if (count > vectors.length) {
      vectors = Arrays.copyOf(vectors, Math.max(count, vectors.length + (vectors.length >> 1) + 16));
    }
  }

  @Override
  public void set(int ord, float[] v) {
    vectors[ord] = v;
  }

  @Override
  public float[] get(int ord) {
    return vectors[ord];
  }

  @Override
  public void keep(int[] live) {
    float[][] kept = new float[Math.max(16, live.length)][];
    for (int i = 0; i < live.length; i++) {
      kept[i] = vectors[live[i]];
    }
    vectors = kept;
  }

  @Override
  public NodeScores scores(VectorKernels kernels, Score score, float[] q) {
    return new Fp32Scores(kernels, score, vectors, q, dim);
  }

  @Override
  public void write(BinaryOut out, int count) throws IOException {
    float[] zeros = new float[dim];
    for (int ord = 0; ord < count; ord++) {
      float[] v = vectors[ord];
      out.writeFloats(v == null ? zeros : v, 0, dim);
    }
  }

  @Override
  public void close() {
    vectors = new float[0][];
  }
}
