package org.artsim.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.artsim.vector.VectorKernels.Score;

/**
 * The packed batch kernel of {@link PanamaKernels} ({@link VectorKernels#scorePacked}): the rows
 * are transposed so that element {@code k} of {@code lanes} consecutive rows is one vector, and
 * element {@code k} of a query is broadcast against it, so each accumulator lane is one
 * (query, row) pair summed in element order and nothing is left to reduce at the end &mdash; the
 * scheme of a BLAS matrix-multiply micro-kernel.
 *
 * <p>Register tiles: 4 queries &times; 4 row vectors with 16 lanes (16 accumulators, 4 row vectors
 * and a broadcast: 21 of AVX-512's 32 registers), 6 &times; 2 otherwise (12 + 2 + 1: within AVX2's
 * 16). Every lane computes exactly {@link PackedRows#scoreScalar}'s sum (one fused multiply-add per
 * element, in element order), so results equal the scalar twin's bit for bit.
 */
final class PanamaPacked {
  private static final VectorSpecies<Float> S = PanamaKernels.SPECIES;
  private static final int L = S.length();
  /** Queries per register tile. */
  private static final int QT = L == 16 ? 4 : 6;
  /** Row vectors ({@code L} rows each) per register tile. */
  private static final int GT = L == 16 ? 4 : 2;

  private PanamaPacked() {}

  /** Scores queries {@code [qFrom, qTo)} against {@code rows} packed rows, as {@link VectorKernels#scorePacked} defines. */
  static void score(Score score, float[] qs, int qFrom, int qTo, float[] packed, int dim, int rows, float[] out) {
    boolean l2 = score == Score.NEG_SQUARED_L2;
    int stride = PackedRows.stride(rows, L);
    int groups = stride / L;
    int i = qFrom;
    for (; i + QT <= qTo; i += QT) {
      int o = (i - qFrom) * stride;
      int g = 0;
      for (; g + GT <= groups; g += GT) {
        int g0 = g * L;
        if (L == 16) {
          if (l2) {
            l2Tile4x4(qs, i * dim, dim, packed, stride, g0, out, o + g0, stride);
          } else {
            dotTile4x4(qs, i * dim, dim, packed, stride, g0, out, o + g0, stride);
          }
        } else if (l2) {
          l2Tile6x2(qs, i * dim, dim, packed, stride, g0, out, o + g0, stride);
        } else {
          dotTile6x2(qs, i * dim, dim, packed, stride, g0, out, o + g0, stride);
        }
      }
      for (int a = 0; a < QT; a++) {
        for (int h = g; h < groups; h++) {
          single(l2, qs, (i + a) * dim, dim, packed, stride, h * L, out, o + a * stride + h * L);
        }
      }
    }
    for (; i < qTo; i++) {
      for (int h = 0; h < groups; h++) {
        single(l2, qs, i * dim, dim, packed, stride, h * L, out, (i - qFrom) * stride + h * L);
      }
    }
  }

  /** One query against one vector of rows (the edges of the tiles). */
  private static void single(boolean l2, float[] qs, int q, int dim, float[] p, int stride, int g0, float[] out, int o) {
    FloatVector c = FloatVector.zero(S);
    for (int k = 0, pk = g0; k < dim; k++, pk += stride) {
      FloatVector x = FloatVector.broadcast(S, qs[q + k]);
      FloatVector y = FloatVector.fromArray(S, p, pk);
      if (l2) {
        FloatVector d = x.sub(y);
        c = d.fma(d, c);
      } else {
        c = x.fma(y, c);
      }
    }
    (l2 ? c.neg() : c).intoArray(out, o);
  }

  /** Dot products of 4 queries at {@code qs[q + a * dim]} with the 4 &times; L packed rows from column {@code g0}; pair (a, column g0 + c) goes to {@code out[o + a * outStride + c]}. */
  private static void dotTile4x4(float[] qs, int q, int dim, float[] p, int stride, int g0, float[] out, int o, int outStride) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
    FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
    FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
    int q0 = q;
    int q1 = q + dim;
    int q2 = q + 2 * dim;
    int q3 = q + 3 * dim;
    for (int k = 0, pk = g0; k < dim; k++, pk += stride) {
      FloatVector y0 = FloatVector.fromArray(S, p, pk);
      FloatVector y1 = FloatVector.fromArray(S, p, pk + L);
      FloatVector y2 = FloatVector.fromArray(S, p, pk + 2 * L);
      FloatVector y3 = FloatVector.fromArray(S, p, pk + 3 * L);
      FloatVector x;
      x = FloatVector.broadcast(S, qs[q0 + k]);
      c00 = x.fma(y0, c00);
      c01 = x.fma(y1, c01);
      c02 = x.fma(y2, c02);
      c03 = x.fma(y3, c03);
      x = FloatVector.broadcast(S, qs[q1 + k]);
      c10 = x.fma(y0, c10);
      c11 = x.fma(y1, c11);
      c12 = x.fma(y2, c12);
      c13 = x.fma(y3, c13);
      x = FloatVector.broadcast(S, qs[q2 + k]);
      c20 = x.fma(y0, c20);
      c21 = x.fma(y1, c21);
      c22 = x.fma(y2, c22);
      c23 = x.fma(y3, c23);
      x = FloatVector.broadcast(S, qs[q3 + k]);
      c30 = x.fma(y0, c30);
      c31 = x.fma(y1, c31);
      c32 = x.fma(y2, c32);
      c33 = x.fma(y3, c33);
    }
    c00.intoArray(out, o);
    c01.intoArray(out, o + L);
    c02.intoArray(out, o + 2 * L);
    c03.intoArray(out, o + 3 * L);
    c10.intoArray(out, o + outStride);
    c11.intoArray(out, o + outStride + L);
    c12.intoArray(out, o + outStride + 2 * L);
    c13.intoArray(out, o + outStride + 3 * L);
    c20.intoArray(out, o + 2 * outStride);
    c21.intoArray(out, o + 2 * outStride + L);
    c22.intoArray(out, o + 2 * outStride + 2 * L);
    c23.intoArray(out, o + 2 * outStride + 3 * L);
    c30.intoArray(out, o + 3 * outStride);
    c31.intoArray(out, o + 3 * outStride + L);
    c32.intoArray(out, o + 3 * outStride + 2 * L);
    c33.intoArray(out, o + 3 * outStride + 3 * L);
  }

  /** Negated squared distances of 4 queries and 4 &times; L packed rows, laid out as {@link #dotTile4x4}'s. */
  private static void l2Tile4x4(float[] qs, int q, int dim, float[] p, int stride, int g0, float[] out, int o, int outStride) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
    FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
    FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
    int q0 = q;
    int q1 = q + dim;
    int q2 = q + 2 * dim;
    int q3 = q + 3 * dim;
    for (int k = 0, pk = g0; k < dim; k++, pk += stride) {
      FloatVector y0 = FloatVector.fromArray(S, p, pk);
      FloatVector y1 = FloatVector.fromArray(S, p, pk + L);
      FloatVector y2 = FloatVector.fromArray(S, p, pk + 2 * L);
      FloatVector y3 = FloatVector.fromArray(S, p, pk + 3 * L);
      FloatVector x;
      FloatVector d;
      x = FloatVector.broadcast(S, qs[q0 + k]);
      d = x.sub(y0);
      c00 = d.fma(d, c00);
      d = x.sub(y1);
      c01 = d.fma(d, c01);
      d = x.sub(y2);
      c02 = d.fma(d, c02);
      d = x.sub(y3);
      c03 = d.fma(d, c03);
      x = FloatVector.broadcast(S, qs[q1 + k]);
      d = x.sub(y0);
      c10 = d.fma(d, c10);
      d = x.sub(y1);
      c11 = d.fma(d, c11);
      d = x.sub(y2);
      c12 = d.fma(d, c12);
      d = x.sub(y3);
      c13 = d.fma(d, c13);
      x = FloatVector.broadcast(S, qs[q2 + k]);
      d = x.sub(y0);
      c20 = d.fma(d, c20);
      d = x.sub(y1);
      c21 = d.fma(d, c21);
      d = x.sub(y2);
      c22 = d.fma(d, c22);
      d = x.sub(y3);
      c23 = d.fma(d, c23);
      x = FloatVector.broadcast(S, qs[q3 + k]);
      d = x.sub(y0);
      c30 = d.fma(d, c30);
      d = x.sub(y1);
      c31 = d.fma(d, c31);
      d = x.sub(y2);
      c32 = d.fma(d, c32);
      d = x.sub(y3);
      c33 = d.fma(d, c33);
    }
    c00.neg().intoArray(out, o);
    c01.neg().intoArray(out, o + L);
    c02.neg().intoArray(out, o + 2 * L);
    c03.neg().intoArray(out, o + 3 * L);
    c10.neg().intoArray(out, o + outStride);
    c11.neg().intoArray(out, o + outStride + L);
    c12.neg().intoArray(out, o + outStride + 2 * L);
    c13.neg().intoArray(out, o + outStride + 3 * L);
    c20.neg().intoArray(out, o + 2 * outStride);
    c21.neg().intoArray(out, o + 2 * outStride + L);
    c22.neg().intoArray(out, o + 2 * outStride + 2 * L);
    c23.neg().intoArray(out, o + 2 * outStride + 3 * L);
    c30.neg().intoArray(out, o + 3 * outStride);
    c31.neg().intoArray(out, o + 3 * outStride + L);
    c32.neg().intoArray(out, o + 3 * outStride + 2 * L);
    c33.neg().intoArray(out, o + 3 * outStride + 3 * L);
  }

  /** Dot products of 6 queries and 2 &times; L packed rows, laid out as {@link #dotTile4x4}'s. */
  private static void dotTile6x2(float[] qs, int q, int dim, float[] p, int stride, int g0, float[] out, int o, int outStride) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z;
    FloatVector c10 = z, c11 = z;
    FloatVector c20 = z, c21 = z;
    FloatVector c30 = z, c31 = z;
    FloatVector c40 = z, c41 = z;
    FloatVector c50 = z, c51 = z;
    int q0 = q;
    int q1 = q + dim;
    int q2 = q + 2 * dim;
    int q3 = q + 3 * dim;
    int q4 = q + 4 * dim;
    int q5 = q + 5 * dim;
    for (int k = 0, pk = g0; k < dim; k++, pk += stride) {
      FloatVector y0 = FloatVector.fromArray(S, p, pk);
      FloatVector y1 = FloatVector.fromArray(S, p, pk + L);
      FloatVector x;
      x = FloatVector.broadcast(S, qs[q0 + k]);
      c00 = x.fma(y0, c00);
      c01 = x.fma(y1, c01);
      x = FloatVector.broadcast(S, qs[q1 + k]);
      c10 = x.fma(y0, c10);
      c11 = x.fma(y1, c11);
      x = FloatVector.broadcast(S, qs[q2 + k]);
      c20 = x.fma(y0, c20);
      c21 = x.fma(y1, c21);
      x = FloatVector.broadcast(S, qs[q3 + k]);
      c30 = x.fma(y0, c30);
      c31 = x.fma(y1, c31);
      x = FloatVector.broadcast(S, qs[q4 + k]);
      c40 = x.fma(y0, c40);
      c41 = x.fma(y1, c41);
      x = FloatVector.broadcast(S, qs[q5 + k]);
      c50 = x.fma(y0, c50);
      c51 = x.fma(y1, c51);
    }
    c00.intoArray(out, o);
    c01.intoArray(out, o + L);
    c10.intoArray(out, o + outStride);
    c11.intoArray(out, o + outStride + L);
    c20.intoArray(out, o + 2 * outStride);
    c21.intoArray(out, o + 2 * outStride + L);
    c30.intoArray(out, o + 3 * outStride);
    c31.intoArray(out, o + 3 * outStride + L);
    c40.intoArray(out, o + 4 * outStride);
    c41.intoArray(out, o + 4 * outStride + L);
    c50.intoArray(out, o + 5 * outStride);
    c51.intoArray(out, o + 5 * outStride + L);
  }

  /** Negated squared distances of 6 queries and 2 &times; L packed rows, laid out as {@link #dotTile4x4}'s. */
  private static void l2Tile6x2(float[] qs, int q, int dim, float[] p, int stride, int g0, float[] out, int o, int outStride) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z;
    FloatVector c10 = z, c11 = z;
    FloatVector c20 = z, c21 = z;
    FloatVector c30 = z, c31 = z;
    FloatVector c40 = z, c41 = z;
    FloatVector c50 = z, c51 = z;
    int q0 = q;
    int q1 = q + dim;
    int q2 = q + 2 * dim;
    int q3 = q + 3 * dim;
    int q4 = q + 4 * dim;
    int q5 = q + 5 * dim;
    for (int k = 0, pk = g0; k < dim; k++, pk += stride) {
      FloatVector y0 = FloatVector.fromArray(S, p, pk);
      FloatVector y1 = FloatVector.fromArray(S, p, pk + L);
      FloatVector x;
      FloatVector d;
      x = FloatVector.broadcast(S, qs[q0 + k]);
      d = x.sub(y0);
      c00 = d.fma(d, c00);
      d = x.sub(y1);
      c01 = d.fma(d, c01);
      x = FloatVector.broadcast(S, qs[q1 + k]);
      d = x.sub(y0);
      c10 = d.fma(d, c10);
      d = x.sub(y1);
      c11 = d.fma(d, c11);
      x = FloatVector.broadcast(S, qs[q2 + k]);
      d = x.sub(y0);
      c20 = d.fma(d, c20);
      d = x.sub(y1);
      c21 = d.fma(d, c21);
      x = FloatVector.broadcast(S, qs[q3 + k]);
      d = x.sub(y0);
      c30 = d.fma(d, c30);
      d = x.sub(y1);
      c31 = d.fma(d, c31);
      x = FloatVector.broadcast(S, qs[q4 + k]);
      d = x.sub(y0);
      c40 = d.fma(d, c40);
      d = x.sub(y1);
      c41 = d.fma(d, c41);
      x = FloatVector.broadcast(S, qs[q5 + k]);
      d = x.sub(y0);
      c50 = d.fma(d, c50);
      d = x.sub(y1);
      c51 = d.fma(d, c51);
    }
    c00.neg().intoArray(out, o);
    c01.neg().intoArray(out, o + L);
    c10.neg().intoArray(out, o + outStride);
    c11.neg().intoArray(out, o + outStride + L);
    c20.neg().intoArray(out, o + 2 * outStride);
    c21.neg().intoArray(out, o + 2 * outStride + L);
    c30.neg().intoArray(out, o + 3 * outStride);
    c31.neg().intoArray(out, o + 3 * outStride + L);
    c40.neg().intoArray(out, o + 4 * outStride);
    c41.neg().intoArray(out, o + 4 * outStride + L);
    c50.neg().intoArray(out, o + 5 * outStride);
    c51.neg().intoArray(out, o + 5 * outStride + L);
  }
}
