package org.artsim.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API with the preferred float species (8 lanes on AVX2, 16 on
 * AVX-512), or a narrower one chosen by {@code -Dartsim.kernels.bits}. Each pair is summed in the order {@link VectorKernels} documents: one accumulator
 * vector of fused multiply-adds, its lanes added in order, then the tail &mdash; so results equal
 * {@link ScalarKernels} with the same lane count, bit for bit.
 *
 * <p>Throughput comes from working on several pairs at once rather than from reordering one pair's
 * sum: {@link #scoreRows} streams four rows per pass over the query, and {@link #scoreBlock} keeps
 * a 4&times;4 tile of query/row accumulators in registers so each loaded vector feeds four
 * multiply-adds. With 16 lanes (AVX-512) the tile is {@link PanamaTiles}'s, whose sixteen halving
 * trees are reduced together; with other widths each pair's accumulator is stored and summed on
 * its own (the butterfly's blends and shuffles need vector registers on AVX2, where masks are not
 * separate registers, and measured slower there).
 */
final class PanamaKernels implements VectorKernels {
  /** The system property that narrows the vector width, e.g. to benchmark AVX2 lanes on an AVX-512 machine. */
  static final String BITS_PROPERTY = "artsim.kernels.bits";
  /** The float species every kernel uses (see {@link #species}). */
  static final VectorSpecies<Float> SPECIES = species(System.getProperty(BITS_PROPERTY));
  private static final VectorSpecies<Float> S = SPECIES;
  private static final int L = S.length();
  /**
   * Bytes species with one lane per float lane (64 bits of bytes for 8 floats, 128 for 16); null
   * with 4 float lanes (there is no 32-bit shape), where {@link #dotBytesRows} runs in plain Java.
   */
  private static final VectorSpecies<Byte> B = L >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8)) : null;

  /**
   * The float species for a {@value #BITS_PROPERTY} value: {@code 128}, {@code 256} or {@code 512}
   * bits when the machine's preferred width is at least that, else (also for null or anything
   * else) the preferred species. Lane count, and so the summation order, follow the species.
   */
  static VectorSpecies<Float> species(String bits) {
    VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
    if (bits == null) {
      return preferred;
    }
    return switch (bits.trim()) {
      case "128" -> preferred.vectorBitSize() >= 128 ? FloatVector.SPECIES_128 : preferred;
      case "256" -> preferred.vectorBitSize() >= 256 ? FloatVector.SPECIES_256 : preferred;
      case "512" -> preferred.vectorBitSize() >= 512 ? FloatVector.SPECIES_512 : preferred;
      default -> preferred;
    };
  }

  PanamaKernels() {
    // Touch the API once so that a broken incubator module fails here, not mid-search.
    FloatVector.zero(S).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }

  @Override
  public String name() {
    return "panama";
  }

  @Override
  public int lanes() {
    return L;
  }

  private static final VectorShuffle<Float> ROTL1 = VectorShuffle.iota(S, 1, 1, true);
  private static final VectorShuffle<Float> ROTL2 = VectorShuffle.iota(S, 2 % L, 1, true);
  private static final VectorShuffle<Float> ROTL4 = VectorShuffle.iota(S, 4 % L, 1, true);
  private static final VectorShuffle<Float> ROTL8 = VectorShuffle.iota(S, 8 % L, 1, true);

  /**
   * {@link #halvingSum} of the vector stored at {@code a[off]}. Loading inside the method keeps the
   * vector's concrete type visible to the JIT even when this method is compiled on its own (a
   * vector passed in as a parameter is then boxed, which made the tile path up to 10x slower in
   * some runs).
   */
  private static float halvingSumAt(float[] a, int off) {
    FloatVector v = FloatVector.fromArray(S, a, off);
    if (L > 16) {
      return ScalarKernels.halvingSum(java.util.Arrays.copyOfRange(a, off, off + L));
    }
    if (L >= 16) {
      v = v.add(v.rearrange(ROTL8));
    }
    if (L >= 8) {
      v = v.add(v.rearrange(ROTL4));
    }
    if (L >= 4) {
      v = v.add(v.rearrange(ROTL2));
    }
    if (L >= 2) {
      v = v.add(v.rearrange(ROTL1));
    }
    return v.lane(0);
  }

  /** The lanes of {@code v} added as the halving tree {@link VectorKernels} defines. */
  private static float halvingSum(FloatVector v) {
    if (L > 16) {
      float[] a = new float[L];
      v.intoArray(a, 0);
      return ScalarKernels.halvingSum(a);
    }
    if (L >= 16) {
      v = v.add(v.rearrange(ROTL8));
    }
    if (L >= 8) {
      v = v.add(v.rearrange(ROTL4));
    }
    if (L >= 4) {
      v = v.add(v.rearrange(ROTL2));
    }
    if (L >= 2) {
      v = v.add(v.rearrange(ROTL1));
    }
    return v.lane(0);
  }

  /**
   * Reduces the 16 accumulators stored in {@code tile} (pair p = a*4+b at {@code p * L}) to their
   * lane sums in {@code sums[p]}, with the halving tree in plain code. (A rotate-and-add per
   * vector here was up to 1.4x faster in some runs and 50x slower in others, depending on how the
   * JIT compiled it on JDK 25; this version is steady.)
   */
  private static void reduceTile(float[] tile, float[] sums) {
    for (int p = 0; p < 16; p++) {
      sums[p] = halvingSumAt(tile, p * L);
    }
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    FloatVector acc = FloatVector.zero(S);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += L) {
      acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
    }
    float sum = halvingSum(acc);
    for (; i < len; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int len) {
    FloatVector acc = FloatVector.zero(S);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector d = FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
      acc = d.fma(d, acc);
    }
    float sum = halvingSum(acc);
    for (; i < len; i++) {
      float d = a[aOff + i] - b[bOff + i];
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  @Override
  public void scoreRows(Score score, float[] q, int qOff, float[] rows, int dim, int rowFrom, int rowTo, float[] out, int outOff) {
    int r = rowFrom;
    if (score == Score.DOT) {
      for (; r + 4 <= rowTo; r += 4) {
        int b = r * dim;
        dotFour(q, qOff, rows, b, rows, b + dim, rows, b + 2 * dim, rows, b + 3 * dim, dim, out, outOff + r - rowFrom);
      }
      for (; r < rowTo; r++) {
        out[outOff + r - rowFrom] = dot(q, qOff, rows, r * dim, dim);
      }
    } else {
      for (; r + 4 <= rowTo; r += 4) {
        int b = r * dim;
        l2Four(q, qOff, rows, b, rows, b + dim, rows, b + 2 * dim, rows, b + 3 * dim, dim, out, outOff + r - rowFrom);
      }
      for (; r < rowTo; r++) {
        out[outOff + r - rowFrom] = -squaredDistance(q, qOff, rows, r * dim, dim);
      }
    }
  }

  /** Scores {@code q} against four rows at once, each row its own array and offset. */
  private static void dotFour(
      float[] q, int qOff, float[] r0, int b0, float[] r1, int b1, float[] r2, int b2, float[] r3, int b3, int dim, float[] out, int o) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int bound = S.loopBound(dim);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, q, qOff + i);
      a0 = x.fma(FloatVector.fromArray(S, r0, b0 + i), a0);
      a1 = x.fma(FloatVector.fromArray(S, r1, b1 + i), a1);
      a2 = x.fma(FloatVector.fromArray(S, r2, b2 + i), a2);
      a3 = x.fma(FloatVector.fromArray(S, r3, b3 + i), a3);
    }
    float s0 = halvingSum(a0);
    float s1 = halvingSum(a1);
    float s2 = halvingSum(a2);
    float s3 = halvingSum(a3);
    for (; i < dim; i++) {
      float x = q[qOff + i];
      s0 = Math.fma(x, r0[b0 + i], s0);
      s1 = Math.fma(x, r1[b1 + i], s1);
      s2 = Math.fma(x, r2[b2 + i], s2);
      s3 = Math.fma(x, r3[b3 + i], s3);
    }
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
  }

  /** Scores {@code q} against four rows at once, each row its own array and offset. */
  private static void l2Four(
      float[] q, int qOff, float[] r0, int b0, float[] r1, int b1, float[] r2, int b2, float[] r3, int b3, int dim, float[] out, int o) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int bound = S.loopBound(dim);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, q, qOff + i);
      FloatVector d0 = x.sub(FloatVector.fromArray(S, r0, b0 + i));
      FloatVector d1 = x.sub(FloatVector.fromArray(S, r1, b1 + i));
      FloatVector d2 = x.sub(FloatVector.fromArray(S, r2, b2 + i));
      FloatVector d3 = x.sub(FloatVector.fromArray(S, r3, b3 + i));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    float s0 = halvingSum(a0);
    float s1 = halvingSum(a1);
    float s2 = halvingSum(a2);
    float s3 = halvingSum(a3);
    for (; i < dim; i++) {
      float x = q[qOff + i];
      float d0 = x - r0[b0 + i];
      float d1 = x - r1[b1 + i];
      float d2 = x - r2[b2 + i];
      float d3 = x - r3[b3 + i];
      s0 = Math.fma(d0, d0, s0);
      s1 = Math.fma(d1, d1, s1);
      s2 = Math.fma(d2, d2, s2);
      s3 = Math.fma(d3, d3, s3);
    }
    out[o] = -s0;
    out[o + 1] = -s1;
    out[o + 2] = -s2;
    out[o + 3] = -s3;
  }

  @Override
  public void scoreGathered(Score score, float[] q, float[][] rows, int[] ids, int from, int to, int dim, float[] out, int outOff) {
    int i = from;
    for (; i + 4 <= to; i += 4) {
      float[] r0 = rows[ids[i]];
      float[] r1 = rows[ids[i + 1]];
      float[] r2 = rows[ids[i + 2]];
      float[] r3 = rows[ids[i + 3]];
      if (score == Score.DOT) {
        dotFour(q, 0, r0, 0, r1, 0, r2, 0, r3, 0, dim, out, outOff + i - from);
      } else {
        l2Four(q, 0, r0, 0, r1, 0, r2, 0, r3, 0, dim, out, outOff + i - from);
      }
    }
    for (; i < to; i++) {
      float[] r = rows[ids[i]];
      out[outOff + i - from] = score == Score.DOT ? dot(q, 0, r, 0, dim) : -squaredDistance(q, 0, r, 0, dim);
    }
  }

  @Override
  public void scorePacked(Score score, float[] queries, int qFrom, int qTo, float[] packed, int dim, int rows, float[] out) {
    PanamaPacked.score(score, queries, qFrom, qTo, packed, dim, rows, out);
  }

  @Override
  public void scoreBlock(Score score, float[] queries, int qFrom, int qTo, float[] rows, int dim, int rowFrom, int rowTo, float[] out) {
    if (PanamaTiles.SUPPORTED) {
      PanamaTiles.scoreBlock(this, score, queries, qFrom, qTo, rows, dim, rowFrom, rowTo, out);
      return;
    }
    int width = rowTo - rowFrom;
    float[] tile = new float[16 * L];
    float[] sums = new float[16];
    int i = qFrom;
    for (; i + 4 <= qTo; i += 4) {
      int r = rowFrom;
      for (; r + 4 <= rowTo; r += 4) {
        if (score == Score.DOT) {
          dotTile(queries, i, rows, dim, r, tile, sums);
        } else {
          l2Tile(queries, i, rows, dim, r, tile, sums);
        }
        finishTile(score, queries, i, rows, dim, r, sums, out, (i - qFrom) * width + (r - rowFrom), width);
      }
      for (int qi = i; qi < i + 4; qi++) {
        scoreRows(score, queries, qi * dim, rows, dim, r, rowTo, out, (qi - qFrom) * width + (r - rowFrom));
      }
    }
    for (; i < qTo; i++) {
      scoreRows(score, queries, i * dim, rows, dim, rowFrom, rowTo, out, (i - qFrom) * width);
    }
  }

  /** Accumulates the 4x4 tile of queries i..i+3 and rows r..r+3; {@code sums} receives the 16 lane sums. */
  private static void dotTile(float[] qs, int i, float[] rows, int dim, int r, float[] tile, float[] sums) {
    int q0 = i * dim;
    int q1 = q0 + dim;
    int q2 = q1 + dim;
    int q3 = q2 + dim;
    int b0 = r * dim;
    int b1 = b0 + dim;
    int b2 = b1 + dim;
    int b3 = b2 + dim;
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
    FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
    FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
    int bound = S.loopBound(dim);
    for (int k = 0; k < bound; k += L) {
      FloatVector y0 = FloatVector.fromArray(S, rows, b0 + k);
      FloatVector y1 = FloatVector.fromArray(S, rows, b1 + k);
      FloatVector y2 = FloatVector.fromArray(S, rows, b2 + k);
      FloatVector y3 = FloatVector.fromArray(S, rows, b3 + k);
      FloatVector x = FloatVector.fromArray(S, qs, q0 + k);
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
    c00.intoArray(tile, 0 * L);
    c01.intoArray(tile, 1 * L);
    c02.intoArray(tile, 2 * L);
    c03.intoArray(tile, 3 * L);
    c10.intoArray(tile, 4 * L);
    c11.intoArray(tile, 5 * L);
    c12.intoArray(tile, 6 * L);
    c13.intoArray(tile, 7 * L);
    c20.intoArray(tile, 8 * L);
    c21.intoArray(tile, 9 * L);
    c22.intoArray(tile, 10 * L);
    c23.intoArray(tile, 11 * L);
    c30.intoArray(tile, 12 * L);
    c31.intoArray(tile, 13 * L);
    c32.intoArray(tile, 14 * L);
    c33.intoArray(tile, 15 * L);
    reduceTile(tile, sums);
  }

  /** As {@link #dotTile}, for squared differences. */
  private static void l2Tile(float[] qs, int i, float[] rows, int dim, int r, float[] tile, float[] sums) {
    int q0 = i * dim;
    int q1 = q0 + dim;
    int q2 = q1 + dim;
    int q3 = q2 + dim;
    int b0 = r * dim;
    int b1 = b0 + dim;
    int b2 = b1 + dim;
    int b3 = b2 + dim;
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
    FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c23 = z;
    FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
    int bound = S.loopBound(dim);
    for (int k = 0; k < bound; k += L) {
      FloatVector y0 = FloatVector.fromArray(S, rows, b0 + k);
      FloatVector y1 = FloatVector.fromArray(S, rows, b1 + k);
      FloatVector y2 = FloatVector.fromArray(S, rows, b2 + k);
      FloatVector y3 = FloatVector.fromArray(S, rows, b3 + k);
      FloatVector x = FloatVector.fromArray(S, qs, q0 + k);
      FloatVector d;
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
    c00.intoArray(tile, 0 * L);
    c01.intoArray(tile, 1 * L);
    c02.intoArray(tile, 2 * L);
    c03.intoArray(tile, 3 * L);
    c10.intoArray(tile, 4 * L);
    c11.intoArray(tile, 5 * L);
    c12.intoArray(tile, 6 * L);
    c13.intoArray(tile, 7 * L);
    c20.intoArray(tile, 8 * L);
    c21.intoArray(tile, 9 * L);
    c22.intoArray(tile, 10 * L);
    c23.intoArray(tile, 11 * L);
    c30.intoArray(tile, 12 * L);
    c31.intoArray(tile, 13 * L);
    c32.intoArray(tile, 14 * L);
    c33.intoArray(tile, 15 * L);
    reduceTile(tile, sums);
  }

  /** Adds the tail to each of the tile's 16 lane sums and writes the scores. */
  private static void finishTile(
      Score score, float[] qs, int i, float[] rows, int dim, int r, float[] sums, float[] out, int o, int width) {
    int tailFrom = S.loopBound(dim);
    for (int a = 0; a < 4; a++) {
      int qBase = (i + a) * dim;
      for (int b = 0; b < 4; b++) {
        int rBase = (r + b) * dim;
        float sum = sums[a * 4 + b];
        if (score == Score.DOT) {
          for (int k = tailFrom; k < dim; k++) {
            sum = Math.fma(qs[qBase + k], rows[rBase + k], sum);
          }
          out[o + a * width + b] = sum;
        } else {
          for (int k = tailFrom; k < dim; k++) {
            float d = qs[qBase + k] - rows[rBase + k];
            sum = Math.fma(d, d, sum);
          }
          out[o + a * width + b] = -sum;
        }
      }
    }
  }

  @Override
  public void dotBytesRows(float[] w, byte[] codes, int dim, int rowFrom, int rowTo, float[] out, int outOff) {
    if (B == null) {
      for (int r = rowFrom; r < rowTo; r++) {
        int base = r * dim;
        float sum = 0f;
        for (int d = 0; d < dim; d++) {
          sum = Math.fma(w[d], codes[base + d], sum);
        }
        out[outOff + r - rowFrom] = sum;
      }
      return;
    }
    int bound = S.loopBound(dim);
    int r = rowFrom;
    for (; r + 4 <= rowTo; r += 4) {
      int b0 = r * dim;
      int b1 = b0 + dim;
      int b2 = b1 + dim;
      int b3 = b2 + dim;
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int i = 0; i < bound; i += L) {
        FloatVector x = FloatVector.fromArray(S, w, i);
        a0 = bytesAsFloats(codes, b0 + i).fma(x, a0);
        a1 = bytesAsFloats(codes, b1 + i).fma(x, a1);
        a2 = bytesAsFloats(codes, b2 + i).fma(x, a2);
        a3 = bytesAsFloats(codes, b3 + i).fma(x, a3);
      }
      float s0 = a0.reduceLanes(VectorOperators.ADD);
      float s1 = a1.reduceLanes(VectorOperators.ADD);
      float s2 = a2.reduceLanes(VectorOperators.ADD);
      float s3 = a3.reduceLanes(VectorOperators.ADD);
      for (int i = bound; i < dim; i++) {
        s0 = Math.fma(w[i], codes[b0 + i], s0);
        s1 = Math.fma(w[i], codes[b1 + i], s1);
        s2 = Math.fma(w[i], codes[b2 + i], s2);
        s3 = Math.fma(w[i], codes[b3 + i], s3);
      }
      int o = outOff + r - rowFrom;
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
    }
    for (; r < rowTo; r++) {
      int base = r * dim;
      FloatVector a = FloatVector.zero(S);
      for (int i = 0; i < bound; i += L) {
        a = bytesAsFloats(codes, base + i).fma(FloatVector.fromArray(S, w, i), a);
      }
      float sum = a.reduceLanes(VectorOperators.ADD);
      for (int i = bound; i < dim; i++) {
        sum = Math.fma(w[i], codes[base + i], sum);
      }
      out[outOff + r - rowFrom] = sum;
    }
  }

  private static FloatVector bytesAsFloats(byte[] codes, int offset) {
    return (FloatVector) ByteVector.fromArray(B, codes, offset).convertShape(VectorOperators.B2F, S, 0);
  }

  @Override
  public String toString() {
    return "PanamaKernels[lanes=" + L + "]";
  }
}
