package org.artsim.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.artsim.vector.VectorKernels.Score;

/**
 * The batch kernel of {@link PanamaKernels} with 16 lanes (AVX-512): scores a block of queries
 * against a block of rows in register tiles of 4 queries &times; 4 rows, one accumulator vector
 * per pair (16 accumulators, 4 row vectors and a query vector: 21 of AVX-512's 32 registers).
 *
 * <p>Only for 16 lanes: the butterfly below needs its rotations and blend masks in registers, and
 * on AVX2 (8 lanes, 16 registers, masks held in vector registers) a 2&times;4 tile with it and a
 * 4&times;4 tile with two of them both measured slower in the index than {@link PanamaKernels}'s
 * 4&times;4 tile that stores its accumulators and sums each pair on its own.
 *
 * <p>Each pair is summed exactly as {@link VectorKernels} defines (fused multiply-adds per lane in
 * element order, the lanes added as a halving tree, then the tail), so scores equal the single
 * pair path bit for bit. The halving trees of a tile's {@code lanes} accumulators are done together
 * as a butterfly: combining two vectors at block size {@code s} adds, in each lane, the same two
 * partial sums the halving step {@code s} adds for one of them, so 15 vector additions (each with
 * two rotations and two blends) leave every pair's sum in one lane of one vector ({@link #OWNER}
 * says which), instead of 4 shuffles and adds per pair after a store and a reload.
 *
 * <p>A tile's queries stay in L1 while the block's rows pass under them.
 */
final class PanamaTiles {
  private static final VectorSpecies<Float> S = PanamaKernels.SPECIES;
  private static final int L = S.length();
  /** Queries per register tile. */
  static final int QT = 4;
  /** Rows per register tile. */
  static final int RT = 4;
  /** Whether these tiles serve this lane count: 16 lanes only (see the class comment). */
  static final boolean SUPPORTED = L == 16;

  private static final VectorShuffle<Float> ROTL8 = VectorShuffle.iota(S, 8 % L, 1, true);
  private static final VectorShuffle<Float> ROTL4 = VectorShuffle.iota(S, 4 % L, 1, true);
  private static final VectorShuffle<Float> ROTL2 = VectorShuffle.iota(S, 2 % L, 1, true);
  private static final VectorShuffle<Float> ROTL1 = VectorShuffle.iota(S, 1 % L, 1, true);
  private static final VectorShuffle<Float> ROTR8 = VectorShuffle.iota(S, (L - 8 % L) % L, 1, true);
  private static final VectorShuffle<Float> ROTR4 = VectorShuffle.iota(S, (L - 4 % L) % L, 1, true);
  private static final VectorShuffle<Float> ROTR2 = VectorShuffle.iota(S, (L - 2 % L) % L, 1, true);
  private static final VectorShuffle<Float> ROTR1 = VectorShuffle.iota(S, (L - 1) % L, 1, true);
  private static final VectorMask<Float> ODD8 = oddBlocks(8);
  private static final VectorMask<Float> ODD4 = oddBlocks(4);
  private static final VectorMask<Float> ODD2 = oddBlocks(2);
  private static final VectorMask<Float> ODD1 = oddBlocks(1);
  /** {@code OWNER[lane]}: the pair {@code a * RT + b} whose sum the reduced vector holds in that lane. */
  static final int[] OWNER = owners();

  private PanamaTiles() {}

  /** The lanes {@code i} with {@code (i / s)} odd. */
  private static VectorMask<Float> oddBlocks(int s) {
    boolean[] bits = new boolean[L];
    for (int i = 0; i < L; i++) {
      bits[i] = (i / s) % 2 == 1;
    }
    return VectorMask.fromArray(S, bits, 0);
  }

  /** Follows the butterfly of {@link #combine} on lane owners instead of values. */
  static int[] owners() {
    int[][] vecs = new int[L][L];
    for (int v = 0; v < L; v++) {
      java.util.Arrays.fill(vecs[v], v);
    }
    for (int s = L / 2; s >= 1; s /= 2) {
      int[][] next = new int[vecs.length / 2][];
      for (int j = 0; j < next.length; j++) {
        int[] x = vecs[2 * j];
        int[] y = vecs[2 * j + 1];
        int[] z = new int[L];
        for (int i = 0; i < L; i++) {
          z[i] = (i / s) % 2 == 0 ? x[i] : y[i - s];
        }
        next[j] = z;
      }
      vecs = next;
    }
    return vecs[0];
  }

  /**
   * One butterfly step at block size {@code s}: in lanes of even blocks {@code x[i] + x[i + s]},
   * in lanes of odd blocks {@code y[i - s] + y[i]} &mdash; the halving step {@code s} of each.
   */
  private static FloatVector combine(FloatVector x, FloatVector y, VectorShuffle<Float> rotl, VectorShuffle<Float> rotr, VectorMask<Float> odd) {
    FloatVector p = x.blend(y.rearrange(rotr), odd);
    FloatVector q = x.rearrange(rotl).blend(y, odd);
    return p.add(q);
  }

  /**
   * Scores queries {@code [qFrom, qTo)} against rows {@code [rowFrom, rowTo)} as {@link
   * VectorKernels#scoreBlock} defines; the edges that do not fill a tile go to {@code kernels}'s
   * many-row path.
   */
  static void scoreBlock(PanamaKernels kernels, Score score, float[] queries, int qFrom, int qTo, float[] rows, int dim, int rowFrom, int rowTo, float[] out) {
    int width = rowTo - rowFrom;
    int qEnd = qFrom + (qTo - qFrom) / QT * QT;
    int rEnd = rowFrom + width / RT * RT;
    float[] sums = new float[L];
    int[] offsets = new int[L];
    for (int p = 0; p < L; p++) {
      offsets[p] = OWNER[p] / RT * width + OWNER[p] % RT;
    }
    boolean dot = score == Score.DOT;
    for (int i = qFrom; i < qEnd; i += QT) {
      for (int r = rowFrom; r < rEnd; r += RT) {
        int o = (i - qFrom) * width + (r - rowFrom);
        if (dot) {
          dot4x4(queries, i * dim, rows, r * dim, dim, out, o, offsets, sums);
        } else {
          l2x4x4(queries, i * dim, rows, r * dim, dim, out, o, offsets, sums);
        }
      }
    }
    for (int i = qFrom; i < qTo; i++) {
      int from = i < qEnd ? rEnd : rowFrom;
      kernels.scoreRows(score, queries, i * dim, rows, dim, from, rowTo, out, (i - qFrom) * width + (from - rowFrom));
    }
  }

  /**
   * Writes the tile's scores: the lane sums in {@code sums} (lane {@code p} holds pair {@code
   * OWNER[p]}, written to {@code out[o + offsets[p]]}) plus each pair's tail from {@code bound} to
   * {@code dim}.
   */
  private static void finish(boolean l2, float[] sums, float[] qs, int q, float[] rows, int b0, int dim, int bound, float[] out, int o, int[] offsets) {
    if (bound == dim) {
      for (int p = 0; p < L; p++) {
        out[o + offsets[p]] = l2 ? -sums[p] : sums[p];
      }
      return;
    }
    for (int p = 0; p < L; p++) {
      int qa = q + OWNER[p] / RT * dim;
      int rb = b0 + OWNER[p] % RT * dim;
      float sum = sums[p];
      if (l2) {
        for (int k = bound; k < dim; k++) {
          float d = qs[qa + k] - rows[rb + k];
          sum = Math.fma(d, d, sum);
        }
        out[o + offsets[p]] = -sum;
      } else {
        for (int k = bound; k < dim; k++) {
          sum = Math.fma(qs[qa + k], rows[rb + k], sum);
        }
        out[o + offsets[p]] = sum;
      }
    }
  }

  /** Dot products of queries at {@code qs[q + a * dim]} (a &lt; 4) and rows at {@code rows[b0 + b * dim]} (b &lt; 4); writes pair a*4+b to {@code out[o + offsets[lane]]}. */
  private static void dot4x4(float[] qs, int q, float[] rows, int b0, int dim, float[] out, int o, int[] offsets, float[] sums) {
    int q0 = q;
    int q1 = q + dim;
    int q2 = q + 2 * dim;
    int q3 = q + 3 * dim;
    int r0 = b0;
    int r1 = b0 + dim;
    int r2 = b0 + 2 * dim;
    int r3 = b0 + 3 * dim;
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
    FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
    FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
    int bound = S.loopBound(dim);
    for (int k = 0; k < bound; k += L) {
      FloatVector y0 = FloatVector.fromArray(S, rows, r0 + k);
      FloatVector y1 = FloatVector.fromArray(S, rows, r1 + k);
      FloatVector y2 = FloatVector.fromArray(S, rows, r2 + k);
      FloatVector y3 = FloatVector.fromArray(S, rows, r3 + k);
      FloatVector x;
      x = FloatVector.fromArray(S, qs, q0 + k);
      c00 = x.fma(y0, c00);
      c01 = x.fma(y1, c01);
      c02 = x.fma(y2, c02);
      c03 = x.fma(y3, c03);
      x = FloatVector.fromArray(S, qs, q1 + k);
      c10 = x.fma(y0, c10);
      c11 = x.fma(y1, c11);
      c12 = x.fma(y2, c12);
      c13 = x.fma(y3, c13);
      x = FloatVector.fromArray(S, qs, q2 + k);
      c20 = x.fma(y0, c20);
      c21 = x.fma(y1, c21);
      c22 = x.fma(y2, c22);
      c23 = x.fma(y3, c23);
      x = FloatVector.fromArray(S, qs, q3 + k);
      c30 = x.fma(y0, c30);
      c31 = x.fma(y1, c31);
      c32 = x.fma(y2, c32);
      c33 = x.fma(y3, c33);
    }
    FloatVector t0_0 = c00.blend(c01.rearrange(ROTR8), ODD8).add(c00.rearrange(ROTL8).blend(c01, ODD8));
    FloatVector t0_1 = c02.blend(c03.rearrange(ROTR8), ODD8).add(c02.rearrange(ROTL8).blend(c03, ODD8));
    FloatVector t0_2 = c10.blend(c11.rearrange(ROTR8), ODD8).add(c10.rearrange(ROTL8).blend(c11, ODD8));
    FloatVector t0_3 = c12.blend(c13.rearrange(ROTR8), ODD8).add(c12.rearrange(ROTL8).blend(c13, ODD8));
    FloatVector t0_4 = c20.blend(c21.rearrange(ROTR8), ODD8).add(c20.rearrange(ROTL8).blend(c21, ODD8));
    FloatVector t0_5 = c22.blend(c23.rearrange(ROTR8), ODD8).add(c22.rearrange(ROTL8).blend(c23, ODD8));
    FloatVector t0_6 = c30.blend(c31.rearrange(ROTR8), ODD8).add(c30.rearrange(ROTL8).blend(c31, ODD8));
    FloatVector t0_7 = c32.blend(c33.rearrange(ROTR8), ODD8).add(c32.rearrange(ROTL8).blend(c33, ODD8));
    FloatVector t1_0 = t0_0.blend(t0_1.rearrange(ROTR4), ODD4).add(t0_0.rearrange(ROTL4).blend(t0_1, ODD4));
    FloatVector t1_1 = t0_2.blend(t0_3.rearrange(ROTR4), ODD4).add(t0_2.rearrange(ROTL4).blend(t0_3, ODD4));
    FloatVector t1_2 = t0_4.blend(t0_5.rearrange(ROTR4), ODD4).add(t0_4.rearrange(ROTL4).blend(t0_5, ODD4));
    FloatVector t1_3 = t0_6.blend(t0_7.rearrange(ROTR4), ODD4).add(t0_6.rearrange(ROTL4).blend(t0_7, ODD4));
    FloatVector t2_0 = t1_0.blend(t1_1.rearrange(ROTR2), ODD2).add(t1_0.rearrange(ROTL2).blend(t1_1, ODD2));
    FloatVector t2_1 = t1_2.blend(t1_3.rearrange(ROTR2), ODD2).add(t1_2.rearrange(ROTL2).blend(t1_3, ODD2));
    FloatVector t3_0 = t2_0.blend(t2_1.rearrange(ROTR1), ODD1).add(t2_0.rearrange(ROTL1).blend(t2_1, ODD1));
    t3_0.intoArray(sums, 0);
    finish(false, sums, qs, q, rows, b0, dim, bound, out, o, offsets);
  }

  /** Squared differences of queries at {@code qs[q + a * dim]} (a &lt; 4) and rows at {@code rows[b0 + b * dim]} (b &lt; 4); writes pair a*4+b to {@code out[o + offsets[lane]]}. */
  private static void l2x4x4(float[] qs, int q, float[] rows, int b0, int dim, float[] out, int o, int[] offsets, float[] sums) {
    int q0 = q;
    int q1 = q + dim;
    int q2 = q + 2 * dim;
    int q3 = q + 3 * dim;
    int r0 = b0;
    int r1 = b0 + dim;
    int r2 = b0 + 2 * dim;
    int r3 = b0 + 3 * dim;
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
    FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
    FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
    int bound = S.loopBound(dim);
    for (int k = 0; k < bound; k += L) {
      FloatVector y0 = FloatVector.fromArray(S, rows, r0 + k);
      FloatVector y1 = FloatVector.fromArray(S, rows, r1 + k);
      FloatVector y2 = FloatVector.fromArray(S, rows, r2 + k);
      FloatVector y3 = FloatVector.fromArray(S, rows, r3 + k);
      FloatVector x;
      FloatVector d;
      x = FloatVector.fromArray(S, qs, q0 + k);
      d = x.sub(y0);
      c00 = d.fma(d, c00);
      d = x.sub(y1);
      c01 = d.fma(d, c01);
      d = x.sub(y2);
      c02 = d.fma(d, c02);
      d = x.sub(y3);
      c03 = d.fma(d, c03);
      x = FloatVector.fromArray(S, qs, q1 + k);
      d = x.sub(y0);
      c10 = d.fma(d, c10);
      d = x.sub(y1);
      c11 = d.fma(d, c11);
      d = x.sub(y2);
      c12 = d.fma(d, c12);
      d = x.sub(y3);
      c13 = d.fma(d, c13);
      x = FloatVector.fromArray(S, qs, q2 + k);
      d = x.sub(y0);
      c20 = d.fma(d, c20);
      d = x.sub(y1);
      c21 = d.fma(d, c21);
      d = x.sub(y2);
      c22 = d.fma(d, c22);
      d = x.sub(y3);
      c23 = d.fma(d, c23);
      x = FloatVector.fromArray(S, qs, q3 + k);
      d = x.sub(y0);
      c30 = d.fma(d, c30);
      d = x.sub(y1);
      c31 = d.fma(d, c31);
      d = x.sub(y2);
      c32 = d.fma(d, c32);
      d = x.sub(y3);
      c33 = d.fma(d, c33);
    }
    FloatVector t0_0 = c00.blend(c01.rearrange(ROTR8), ODD8).add(c00.rearrange(ROTL8).blend(c01, ODD8));
    FloatVector t0_1 = c02.blend(c03.rearrange(ROTR8), ODD8).add(c02.rearrange(ROTL8).blend(c03, ODD8));
    FloatVector t0_2 = c10.blend(c11.rearrange(ROTR8), ODD8).add(c10.rearrange(ROTL8).blend(c11, ODD8));
    FloatVector t0_3 = c12.blend(c13.rearrange(ROTR8), ODD8).add(c12.rearrange(ROTL8).blend(c13, ODD8));
    FloatVector t0_4 = c20.blend(c21.rearrange(ROTR8), ODD8).add(c20.rearrange(ROTL8).blend(c21, ODD8));
    FloatVector t0_5 = c22.blend(c23.rearrange(ROTR8), ODD8).add(c22.rearrange(ROTL8).blend(c23, ODD8));
    FloatVector t0_6 = c30.blend(c31.rearrange(ROTR8), ODD8).add(c30.rearrange(ROTL8).blend(c31, ODD8));
    FloatVector t0_7 = c32.blend(c33.rearrange(ROTR8), ODD8).add(c32.rearrange(ROTL8).blend(c33, ODD8));
    FloatVector t1_0 = t0_0.blend(t0_1.rearrange(ROTR4), ODD4).add(t0_0.rearrange(ROTL4).blend(t0_1, ODD4));
    FloatVector t1_1 = t0_2.blend(t0_3.rearrange(ROTR4), ODD4).add(t0_2.rearrange(ROTL4).blend(t0_3, ODD4));
    FloatVector t1_2 = t0_4.blend(t0_5.rearrange(ROTR4), ODD4).add(t0_4.rearrange(ROTL4).blend(t0_5, ODD4));
    FloatVector t1_3 = t0_6.blend(t0_7.rearrange(ROTR4), ODD4).add(t0_6.rearrange(ROTL4).blend(t0_7, ODD4));
    FloatVector t2_0 = t1_0.blend(t1_1.rearrange(ROTR2), ODD2).add(t1_0.rearrange(ROTL2).blend(t1_1, ODD2));
    FloatVector t2_1 = t1_2.blend(t1_3.rearrange(ROTR2), ODD2).add(t1_2.rearrange(ROTL2).blend(t1_3, ODD2));
    FloatVector t3_0 = t2_0.blend(t2_1.rearrange(ROTR1), ODD1).add(t2_0.rearrange(ROTL1).blend(t2_1, ODD1));
    t3_0.intoArray(sums, 0);
    finish(true, sums, qs, q, rows, b0, dim, bound, out, o, offsets);
  }
}
