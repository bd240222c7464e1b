package org.artsim.vector;

/**
 * Plain-Java kernels that add products in exactly the order {@link PanamaKernels} does for the
 * same lane count (see {@link VectorKernels}). Used when the Vector API is not available, and as
 * the reference the SIMD kernels are tested against.
 */
final class ScalarKernels implements VectorKernels {
  static final int DEFAULT_LANES = 8;
  private final int lanes;

  ScalarKernels(int lanes) {
    if (lanes <= 0 || Integer.bitCount(lanes) != 1) {
      throw new IllegalArgumentException("lanes must be a power of two, got " + lanes);
    }
    this.lanes = lanes;
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public int lanes() {
    return lanes;
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    float[] acc = new float[lanes];
    int i = 0;
    int bound = len - len % lanes;
    for (; i < bound; i += lanes) {
      for (int l = 0; l < lanes; l++) {
        acc[l] = Math.fma(a[aOff + i + l], b[bOff + i + l], acc[l]);
      }
    }
    float sum = halvingSum(acc);
    for (; i < len; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int len) {
    float[] acc = new float[lanes];
    int i = 0;
    int bound = len - len % lanes;
    for (; i < bound; i += lanes) {
      for (int l = 0; l < lanes; l++) {
        float d = a[aOff + i + l] - b[bOff + i + l];
        acc[l] = Math.fma(d, d, acc[l]);
      }
    }
    float sum = halvingSum(acc);
    for (; i < len; i++) {
      float d = a[aOff + i] - b[bOff + i];
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  /** Adds the lanes as a halving tree: a[i] += a[i + h] for h = lanes/2, ..., 1; returns a[0]. */
  static float halvingSum(float[] a) {
    for (int h = a.length / 2; h >= 1; h /= 2) {
      for (int i = 0; i < h; i++) {
        a[i] = a[i] + a[i + h];
      }
    }
    return a[0];
  }

  @Override
  public void scoreRows(Score score, float[] q, int qOff, float[] rows, int dim, int rowFrom, int rowTo, float[] out, int outOff) {
    for (int r = rowFrom; r < rowTo; r++) {
      out[outOff + r - rowFrom] =
          score == Score.DOT ? dot(q, qOff, rows, r * dim, dim) : -squaredDistance(q, qOff, rows, r * dim, dim);
    }
  }

  @Override
  public void scoreGathered(Score score, float[] q, float[][] rows, int[] ids, int from, int to, int dim, float[] out, int outOff) {
    for (int i = from; i < to; i++) {
      float[] r = rows[ids[i]];
      out[outOff + i - from] = score == Score.DOT ? dot(q, 0, r, 0, dim) : -squaredDistance(q, 0, r, 0, dim);
    }
  }

  @Override
  public void scorePacked(Score score, float[] queries, int qFrom, int qTo, float[] packed, int dim, int rows, float[] out) {
    PackedRows.scoreScalar(score, queries, qFrom, qTo, packed, dim, rows, out, lanes);
  }

  @Override
  public void scoreBlock(Score score, float[] queries, int qFrom, int qTo, float[] rows, int dim, int rowFrom, int rowTo, float[] out) {
    int width = rowTo - rowFrom;
    for (int i = qFrom; i < qTo; i++) {
      scoreRows(score, queries, i * dim, rows, dim, rowFrom, rowTo, out, (i - qFrom) * width);
    }
  }

  @Override
  public void dotBytesRows(float[] w, byte[] codes, int dim, int rowFrom, int rowTo, float[] out, int outOff) {
    for (int r = rowFrom; r < rowTo; r++) {
      int base = r * dim;
      float sum = 0f;
      for (int d = 0; d < dim; d++) {
        sum = Math.fma(w[d], codes[base + d], sum);
      }
      out[outOff + r - rowFrom] = sum;
    }
  }

  @Override
  public String toString() {
    return "ScalarKernels[lanes=" + lanes + "]";
  }
}
