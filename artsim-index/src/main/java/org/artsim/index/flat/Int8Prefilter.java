package org.artsim.index.flat;

import java.util.Arrays;
import java.util.BitSet;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;

/**
 * An 8-bit copy of a flat index's rows that lets an exact inner-product search read a quarter of
 * the bytes, without giving up exactness.
 *
 * <p><b>Encoding.</b> Per dimension {@code d}, values are mapped affinely onto signed bytes: {@code
 * x~[d] = lo[d] + step[d] * (c[d] + 128)}, with {@code lo}/{@code step} fitted to the stored rows'
 * per-dimension range (refitted as the index doubles). For every row the exact error norm {@code
 * e = ||x - x~||} and {@code ||x~||} are kept, rounded up.
 *
 * <p><b>Search.</b> For a query {@code q} the approximate score of every row is {@code s~ = C +
 * sum_d (q[d] step[d]) c[d]} with {@code C = sum_d q[d] (lo[d] + 128 step[d])}. By Cauchy-Schwarz
 * the row's canonical float score lies within {@code m = ||q|| e + rounding} of {@code s~}, where
 * the rounding term bounds, for any summation order, the float error of both the approximation and
 * the canonical kernel ({@code gamma = 2 (dim + 4) 2^-24} times the sums of absolute terms). Let
 * {@code T} be the k-th largest lower bound {@code s~ - m}; a row whose upper bound {@code s~ + m}
 * is below {@code T} cannot be in the top k. The remaining candidates are rescored with the same
 * canonical kernel as the plain scan, so the result is identical to scanning every row in float.
 *
 * <p>Not thread-safe: the owning index guards it with its lock.
 */
final class Int8Prefilter {
  private final int dim;
  private final float gamma;
  private final float[] lo;
  private final float[] step;
  private byte[] codes;
  private float[] error;
  private float[] norm;
  private int fittedAt;

  Int8Prefilter(int dim, int capacity) {
    this.dim = dim;
    this.gamma = (float) (2.0 * (dim + 4) * Math.ulp(1.0f) / 2);
    this.lo = new float[dim];
    this.step = new float[dim];
    Arrays.fill(step, 1f);
    this.codes = new byte[capacity * dim];
    this.error = new float[capacity];
    this.norm = new float[capacity];
  }

  /** Rows fitted at the last fit (0 before the first). */
  int fittedAt() {
    return fittedAt;
  }

  void ensureCapacity(int rows) {
    if (rows > error.length) {
      codes = Arrays.copyOf(codes, rows * dim);
      error = Arrays.copyOf(error, rows);
      norm = Arrays.copyOf(norm, rows);
    }
  }

  /** Fits the per-dimension ranges to rows [0, rows) of {@code data} and re-encodes them all. */
  void fit(float[] data, int rows) {
    float[] min = new float[dim];
    float[] max = new float[dim];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < rows; r++) {
      int base = r * dim;
      for (int d = 0; d < dim; d++) {
        float x = data[base + d];
        min[d] = Math.min(min[d], x);
        max[d] = Math.max(max[d], x);
      }
    }
    for (int d = 0; d < dim; d++) {
      float range = max[d] - min[d];
      lo[d] = min[d];
      step[d] = range > 0 ? range / 255f : 1f;
    }
    for (int r = 0; r < rows; r++) {
      encode(data, r);
    }
    fittedAt = rows;
  }

  /** Encodes row {@code r} of {@code data} with the current ranges (clamping values outside them). */
  void encode(float[] data, int r) {
    int base = r * dim;
    double err = 0;
    double n = 0;
    for (int d = 0; d < dim; d++) {
      float x = data[base + d];
      long c = Math.round((x - lo[d]) / step[d]) - 128;
      c = Math.max(-128, Math.min(127, c));
      codes[base + d] = (byte) c;
      double approx = (double) lo[d] + (double) step[d] * (c + 128);
      err += (x - approx) * (x - approx);
      n += approx * approx;
    }
    error[r] = Math.nextUp((float) (Math.sqrt(err) * (1 + 1e-6)));
    norm[r] = Math.nextUp((float) (Math.sqrt(n) * (1 + 1e-6)));
  }

  /** Moves row {@code from}'s encoding to row {@code to} (the index compacting its storage). */
  void move(int from, int to) {
    System.arraycopy(codes, from * dim, codes, to * dim, dim);
    error[to] = error[from];
    norm[to] = norm[from];
  }

  /**
   * Offers to {@code top} exactly the rows a full float scan of rows [0, size) of {@code data} by
   * inner product would offer, with the same scores, skipping rows whose bound rules them out.
   */
  void search(VectorKernels kernels, float[] q, float[] data, int size, BitSet allowed, int k, TopK top) {
    float[] w = new float[dim];
    double c = 0;
    double qn2 = 0;
    float absW = 0;
    for (int d = 0; d < dim; d++) {
      w[d] = q[d] * step[d];
      c += (double) q[d] * ((double) lo[d] + 128.0 * step[d]);
      qn2 += (double) q[d] * q[d];
      absW += Math.abs(w[d]);
    }
    float qn = Math.nextUp((float) Math.sqrt(qn2));
    float constant = (float) c;
    float constantSlack = gamma * (Math.abs(constant) + 128f * absW) + Math.ulp(constant) + Float.MIN_NORMAL;
    float[] approx = new float[size];
    kernels.dotBytesRows(w, codes, dim, 0, size, approx, 0);

    // the k-th largest lower bound among qualifying rows
    var lower = new float[Math.min(k, size)];
    int held = 0;
    for (int r = 0; r < size; r++) {
      if (allowed != null && !allowed.get(r)) {
        continue;
      }
      float s = approx[r] + constant;
      approx[r] = s;
      float lb = s - slack(r, qn, constantSlack);
      if (held < lower.length) {
        lower[held++] = lb;
        if (held == lower.length) {
          heapify(lower);
        }
      } else if (lb > lower[0]) {
        lower[0] = lb;
        siftDown(lower, 0);
      }
    }
    float threshold = held < k ? Float.NEGATIVE_INFINITY : lower[0];
    for (int r = 0; r < size; r++) {
      if ((allowed == null || allowed.get(r)) && approx[r] + slack(r, qn, constantSlack) >= threshold) {
        top.offer(kernels.dot(q, 0, data, r * dim, dim), r);
      }
    }
  }

  private float slack(int r, float qn, float constantSlack) {
    float e = error[r];
    return qn * (e + gamma * (norm[r] + e)) * (1 + 4 * gamma) + constantSlack;
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
