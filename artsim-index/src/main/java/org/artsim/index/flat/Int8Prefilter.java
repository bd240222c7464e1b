package org.artsim.index.flat;

import java.util.Arrays;
import java.util.BitSet;
import org.artsim.index.FlatConfig.Int8Scale;
import org.artsim.index.support.Int8Codes;
import org.artsim.index.support.VectorStore;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * An 8-bit copy of a flat index's rows that lets an exact inner-product search read a quarter of
 * the bytes, without giving up exactness. The codes live in {@link Int8Codes} (heap chunks, or
 * mapped segments beside mapped float32 rows); the per-row error terms stay on the heap (12 bytes
 * a row).
 *
 * <p><b>Encoding.</b> {@link Int8Scale#PER_DIMENSION}: per dimension {@code d}, values are mapped
 * affinely onto signed bytes, {@code x~[d] = lo[d] + step[d] * (c[d] + 128)}, with {@code
 * lo}/{@code step} fitted to the stored rows' per-dimension range (refitted as the index doubles).
 * {@link Int8Scale#PER_VECTOR}: {@code x~ = s * c} with {@code s = max_d |x[d]| / 127}, fixed per
 * row (no refits). For every row the exact error norm {@code e = ||x - x~||} and {@code ||x~||}
 * are kept, rounded up.
 *
 * <p><b>Search.</b> For a query {@code q} the approximate score of every row is {@code s~ = C +
 * sum_d (q[d] step[d]) c[d]} with {@code C = sum_d q[d] (lo[d] + 128 step[d])} (per dimension), or
 * {@code s~ = s * sum_d q[d] c[d]} (per vector). By Cauchy-Schwarz the row's canonical float score
 * lies within {@code m = ||q|| e + rounding} of {@code s~}, where the rounding term bounds, for any
 * summation order, the float error of both the approximation and the canonical kernel ({@code
 * gamma = 2 (dim + 4) 2^-24} times the sums of absolute terms). While the codes are scanned, the
 * k-th largest lower bound {@code s~ - m} so far is kept ({@code T}); a row whose upper bound
 * {@code s~ + m} is below {@code T} cannot be in the top k. The candidates left when the scan ends
 * are rescored from the float32 rows with the same canonical kernel as the plain scan, so the
 * result is identical to scanning every row in float32.
 *
 * <p>Not thread-safe: the owning index guards it with its lock.
 */
final class Int8Prefilter {
  /** Rows of codes scored per kernel call. */
  private static final int BLOCK = 1024;

  private final int dim;
  private final Int8Scale mode;
  private final float gamma;
  private final float[] lo;
  private final float[] step;
  private final Int8Codes codes;
  private final byte[] row;
  private float[] error;
  private float[] norm;
  private float[] scale;
  private int fittedAt;

  Int8Prefilter(int dim, int capacity, Int8Scale mode, Int8Codes codes) {
    this.dim = dim;
    this.mode = mode;
    this.gamma = (float) (2.0 * (dim + 4) * Math.ulp(1.0f) / 2);
    this.lo = new float[dim];
    this.step = new float[dim];
    Arrays.fill(step, 1f);
    this.codes = codes;
    this.row = new byte[dim];
    int cap = Math.max(1, capacity);
    this.error = new float[cap];
    this.norm = new float[cap];
    this.scale = new float[mode == Int8Scale.PER_VECTOR ? cap : 0];
    codes.ensureCapacity(cap);
  }

  Int8Scale mode() {
    return mode;
  }

  /** Rows fitted at the last fit (0 before the first). */
  int fittedAt() {
    return fittedAt;
  }

  Int8Codes codes() {
    return codes;
  }

  float[] lo() {
    return lo;
  }

  float[] step() {
    return step;
  }

  float[] error() {
    return error;
  }

  float[] norm() {
    return norm;
  }

  float[] scale() {
    return scale;
  }

  /** Takes over a saved fit: ranges, per-row terms and codes already in {@link #codes()}. */
  void restore(int fittedAt, float[] lo, float[] step, float[] error, float[] norm, float[] scale) {
    System.arraycopy(lo, 0, this.lo, 0, dim);
    System.arraycopy(step, 0, this.step, 0, dim);
    this.error = error;
    this.norm = norm;
    this.scale = scale;
    this.fittedAt = fittedAt;
  }

  void ensureCapacity(int rows) {
    if (rows > error.length) {
      int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(rows, error.length + (error.length >> 1) + 16L));
      error = Arrays.copyOf(error, cap);
      norm = Arrays.copyOf(norm, cap);
      if (mode == Int8Scale.PER_VECTOR) {
        scale = Arrays.copyOf(scale, cap);
      }
    }
    codes.ensureCapacity(rows);
  }

  /** Fits the ranges to rows [0, rows) of {@code vectors} and re-encodes them all. */
  void fit(VectorStore vectors, int rows) {
    float[] x = new float[dim];
    if (mode == Int8Scale.PER_DIMENSION) {
      float[] min = new float[dim];
      float[] max = new float[dim];
      Arrays.fill(min, Float.POSITIVE_INFINITY);
      Arrays.fill(max, Float.NEGATIVE_INFINITY);
      for (int r = 0; r < rows; r++) {
        vectors.get(r, x, 0);
        for (int d = 0; d < dim; d++) {
          min[d] = Math.min(min[d], x[d]);
          max[d] = Math.max(max[d], x[d]);
        }
      }
      for (int d = 0; d < dim; d++) {
        float range = max[d] - min[d];
        lo[d] = min[d];
        step[d] = range > 0 ? range / 255f : 1f;
      }
    }
    for (int r = 0; r < rows; r++) {
      vectors.get(r, x, 0);
      encode(r, x);
    }
    fittedAt = rows;
  }

  /** Encodes {@code x} as row {@code r} with the current ranges (clamping values outside them). */
  void encode(int r, float[] x) {
    double err = 0;
    double n = 0;
    if (mode == Int8Scale.PER_DIMENSION) {
      for (int d = 0; d < dim; d++) {
        long c = Math.round((x[d] - lo[d]) / step[d]) - 128;
        c = Math.max(-128, Math.min(127, c));
        row[d] = (byte) c;
        double approx = (double) lo[d] + (double) step[d] * (c + 128);
        err += (x[d] - approx) * (x[d] - approx);
        n += approx * approx;
      }
    } else {
      float maxAbs = 0;
      for (int d = 0; d < dim; d++) {
        maxAbs = Math.max(maxAbs, Math.abs(x[d]));
      }
      float s = maxAbs > 0 ? maxAbs / 127f : 1f;
      scale[r] = s;
      for (int d = 0; d < dim; d++) {
        long c = Math.max(-127, Math.min(127, Math.round(x[d] / s)));
        row[d] = (byte) c;
        double approx = (double) s * c;
        err += (x[d] - approx) * (x[d] - approx);
        n += approx * approx;
      }
    }
    codes.set(r, row);
    error[r] = Math.nextUp((float) (Math.sqrt(err) * (1 + 1e-6)));
    norm[r] = Math.nextUp((float) (Math.sqrt(n) * (1 + 1e-6)));
  }

  /** Moves row {@code from}'s encoding to row {@code to} (the index compacting its storage). */
  void move(int from, int to) {
    codes.move(from, to);
    error[to] = error[from];
    norm[to] = norm[from];
    if (mode == Int8Scale.PER_VECTOR) {
      scale[to] = scale[from];
    }
  }

  /**
   * Offers to {@code top} exactly the rows a full float scan of rows [0, size) of {@code vectors}
   * by inner product would offer, with the same scores, skipping rows whose bound rules them out.
   * Returns the number of rows rescored in float32.
   */
  int search(VectorKernels kernels, float[] q, VectorStore vectors, int size, BitSet allowed, int k, TopK top, float[] scratch) {
    return search(kernels, q, vectors, 0, size, allowed, k, top, scratch);
  }

  /** {@link #search} over rows {@code [rowFrom, rowTo)} only: offers what a float scan of those rows would. */
  int search(VectorKernels kernels, float[] q, VectorStore vectors, int rowFrom, int rowTo, BitSet allowed, int k, TopK top, float[] scratch) {
    float[] w = new float[dim];
    double c = 0;
    double qn2 = 0;
    float absW = 0;
    boolean perVector = mode == Int8Scale.PER_VECTOR;
    for (int d = 0; d < dim; d++) {
      w[d] = perVector ? q[d] : q[d] * step[d];
      c += perVector ? 0 : (double) q[d] * ((double) lo[d] + 128.0 * step[d]);
      qn2 += (double) q[d] * q[d];
      absW += Math.abs(w[d]);
    }
    float qn = Math.nextUp((float) Math.sqrt(qn2));
    float constant = (float) c;
    float constantSlack = perVector ? Float.MIN_NORMAL : gamma * (Math.abs(constant) + 128f * absW) + Math.ulp(constant) + Float.MIN_NORMAL;
    float normFactor = perVector ? 3 : 1;

    var lower = new float[Math.min(k, rowTo - rowFrom)];
    int held = 0;
    float threshold = Float.NEGATIVE_INFINITY;
    int[] cand = new int[Math.max(64, 4 * k)];
    float[] upper = new float[cand.length];
    int n = 0;
    float[] approx = new float[BLOCK];
    byte[] codeScratch = codes.newScratch();
    for (int from = rowFrom; from < rowTo; from += BLOCK) {
      int to = Math.min(rowTo, from + BLOCK);
      codes.dotRows(kernels, w, from, to, approx, 0, codeScratch);
      for (int r = from; r < to; r++) {
        if (allowed != null && !allowed.get(r)) {
          continue;
        }
        float s = perVector ? approx[r - from] * scale[r] : approx[r - from] + constant;
        float e = error[r];
        float m = qn * (e + gamma * (normFactor * norm[r] + 2 * e)) * (1 + 4 * gamma) + constantSlack + 4 * Math.ulp(Math.abs(s));
        float lb = s - m;
        if (held < lower.length) {
          lower[held++] = lb;
          if (held == lower.length) {
            heapify(lower);
            threshold = lower[0];
          }
        } else if (lb > lower[0]) {
          lower[0] = lb;
          siftDown(lower, 0);
          threshold = lower[0];
        }
        float ub = s + m;
        if (ub >= threshold) {
          if (n == cand.length) {
            n = prune(cand, upper, n, threshold);
            if (n > cand.length / 2) {
              cand = Arrays.copyOf(cand, cand.length * 2);
              upper = Arrays.copyOf(upper, upper.length * 2);
            }
          }
          cand[n] = r;
          upper[n++] = ub;
        }
      }
    }
    int rescored = 0;
    for (int i = 0; i < n; i++) {
      if (upper[i] >= threshold) {
        top.offer(vectors.score(kernels, Score.DOT, q, 0, cand[i], scratch), cand[i]);
        rescored++;
      }
    }
    return rescored;
  }

  /** Drops the candidates whose upper bound is below {@code threshold}; returns how many remain. */
  private static int prune(int[] cand, float[] upper, int n, float threshold) {
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (upper[i] >= threshold) {
        cand[kept] = cand[i];
        upper[kept++] = upper[i];
      }
    }
    return kept;
  }

  private static void heapify(float[] h) {
    for (int i = h.length / 2 - 1; i >= 0; i--) {
      siftDown(h, i);
    }
  }

  private static void siftDown(float[] h, int i) {
    int n = h.length;
    while (true) {
      int l = 2 * i + 1;
      if (l >= n) {
        return;
      }
      int m = l + 1 < n && h[l + 1] < h[l] ? l + 1 : l;
      if (h[m] >= h[i]) {
        return;
      }
      float t = h[i];
      h[i] = h[m];
      h[m] = t;
      i = m;
    }
  }
}
