package org.artsim.vector;

import org.artsim.vector.VectorKernels.Score;

/**
 * The packed row layout of {@link VectorKernels#packRows} and the plain-Java form of {@link
 * VectorKernels#scorePacked}, shared by both kernel implementations. Stateless.
 */
final class PackedRows {
  private PackedRows() {}

  /** The row count rounded up to a multiple of {@code lanes}: the packed layout's row stride. */
  static int stride(int rows, int lanes) {
    return (rows + lanes - 1) / lanes * lanes;
  }

  /**
   * Writes element {@code k} of row {@code rowFrom + j} to {@code packed[k * stride + j]}, zeroes
   * the padding columns, and returns the largest squared norm among the rows (a float sum of
   * squares per row).
   */
  static float pack(float[] rows, int dim, int rowFrom, int rowTo, float[] packed, int lanes) {
    int n = rowTo - rowFrom;
    int stride = stride(n, lanes);
    float max = 0;
    for (int j = 0; j < n; j++) {
      int b = (rowFrom + j) * dim;
      float s = 0;
      for (int k = 0, p = j; k < dim; k++, p += stride) {
        float x = rows[b + k];
        packed[p] = x;
        s = Math.fma(x, x, s);
      }
      max = Math.max(max, s);
    }
    for (int j = n; j < stride; j++) {
      for (int k = 0, p = j; k < dim; k++, p += stride) {
        packed[p] = 0;
      }
    }
    return max;
  }

  /** {@link VectorKernels#scorePacked} one pair at a time: one fused multiply-add per element, in element order. */
  static void scoreScalar(Score score, float[] qs, int qFrom, int qTo, float[] packed, int dim, int rows, float[] out, int lanes) {
    int stride = stride(rows, lanes);
    boolean l2 = score == Score.NEG_SQUARED_L2;
    for (int i = qFrom; i < qTo; i++) {
      int q = i * dim;
      int o = (i - qFrom) * stride;
      for (int j = 0; j < rows; j++) {
        float acc = 0;
        for (int k = 0, p = j; k < dim; k++, p += stride) {
          if (l2) {
            float d = qs[q + k] - packed[p];
            acc = Math.fma(d, d, acc);
          } else {
            acc = Math.fma(qs[q + k], packed[p], acc);
          }
        }
        out[o + j] = l2 ? -acc : acc;
      }
    }
  }
}
