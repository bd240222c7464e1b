package org.artsim.recommend.cluster;

import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;
import org.artsim.vector.Vectors;

/**
 * Vectors with distances computed on the fly by the SIMD kernels: cosine distance {@code 1 - cos}
 * (cosine and dot metrics, on unit-length copies) or Euclidean distance (L2). The distance of an
 * object to itself is exactly 0, and negative rounding results are clamped to 0.
 */
final class VectorDissimilarity implements Dissimilarity {
  /** Rows per tile when precomputing a matrix. */
  private static final int TILE = 128;
  /** The largest n whose n×n float matrix fits Java arrays comfortably. */
  static final int MAX_MATRIX = 46_000;

  private final int n;
  private final int dim;
  private final Metric metric;
  private final Score score;
  private final float[] data;
  private final VectorKernels kernels = VectorKernels.get();
  private final ThreadLocal<float[]> buffer;
  /** The vectors as given (cosine and dot only; under L2 {@link #data} holds them unchanged). */
  private final float[][] raw;
  /** Their Euclidean lengths in double (cosine and dot only). */
  private final double[] rawNorms;

  VectorDissimilarity(float[][] vectors, Metric metric) {
    if (vectors == null || vectors.length == 0) {
      throw new InvalidArgumentException("no vectors to cluster; give at least one vector");
    }
    if (metric == null) {
      throw new InvalidArgumentException("metric is null; use Metric.COSINE or Metric.L2");
    }
    this.n = vectors.length;
    this.dim = vectors[0] == null ? 0 : vectors[0].length;
    if (dim == 0) {
      throw new InvalidArgumentException("vector 0 is null or empty; give every vector the same positive length");
    }
    if ((long) n * dim > Integer.MAX_VALUE - 16) {
      throw new InvalidArgumentException(n + " vectors of dimension " + dim + " exceed one Java array; cluster a sample (KMedoids.clara)");
    }
    this.metric = metric;
    this.score = metric == Metric.L2 ? Score.NEG_SQUARED_L2 : Score.DOT;
    Metric prep = metric == Metric.L2 ? Metric.L2 : Metric.COSINE;
    this.data = new float[n * dim];
    for (int i = 0; i < n; i++) {
      if (vectors[i] == null || vectors[i].length != dim) {
        throw new InvalidArgumentException(
            "vector " + i + " has " + (vectors[i] == null ? 0 : vectors[i].length) + " components, but vector 0 has " + dim
                + "; give every vector the same length");
      }
      System.arraycopy(Vectors.prepare(vectors[i], dim, prep, "vector " + i), 0, data, i * dim, dim);
    }
    this.buffer = ThreadLocal.withInitial(() -> new float[n]);
    if (metric == Metric.L2) {
      this.raw = null;
      this.rawNorms = null;
    } else {
      this.raw = new float[n][];
      this.rawNorms = new double[n];
      for (int i = 0; i < n; i++) {
        raw[i] = vectors[i].clone();
        double sq = 0;
        for (float x : raw[i]) {
          sq += (double) x * x;
        }
        rawNorms[i] = Math.sqrt(sq);
      }
    }
  }

  /**
   * The distance of objects {@code i} and {@code j} computed in double precision from the vectors
   * as given: {@code √Σ (aₖ − bₖ)²} under L2, {@code max(0, 1 − Σ aₖbₖ / (‖a‖·‖b‖))} otherwise (sums in
   * component order, lengths {@code √Σ aₖ²}); 0 when {@code i == j}. The reported k-medoids loss is
   * the sum of these, so it does not depend on the float kernels or the float matrix.
   */
  double exactDistance(int i, int j) {
    if (i == j) {
      return 0;
    }
    if (raw == null) {
      double s = 0;
      for (int k = 0; k < dim; k++) {
        double x = (double) data[i * dim + k] - data[j * dim + k];
        s += x * x;
      }
      return Math.sqrt(s);
    }
    float[] a = raw[i];
    float[] b = raw[j];
    double dot = 0;
    for (int k = 0; k < dim; k++) {
      dot += (double) a[k] * b[k];
    }
    return Math.max(0, 1 - dot / (rawNorms[i] * rawNorms[j]));
  }

  @Override
  public int size() {
    return n;
  }

  int dimension() {
    return dim;
  }

  Metric metric() {
    return metric;
  }

  private double toDistance(float s) {
    if (score == Score.DOT) {
      return Math.max(0.0, 1.0 - s);
    }
    return Math.sqrt(Math.max(0.0, -s));
  }

  @Override
  public double distance(int i, int j) {
    if (i == j) {
      return 0;
    }
    float s = score == Score.DOT ? kernels.dot(data, i * dim, data, j * dim, dim) : -kernels.squaredDistance(data, i * dim, data, j * dim, dim);
    return toDistance(s);
  }

  @Override
  public double[] row(int i, double[] scratch) {
    float[] s = buffer.get();
    kernels.scoreRows(score, data, i * dim, data, dim, 0, n, s, 0);
    for (int j = 0; j < n; j++) {
      scratch[j] = toDistance(s[j]);
    }
    scratch[i] = 0;
    return scratch;
  }

  /** The same distances as a full float matrix, computed tile by tile and mirrored (exactly symmetric). */
  Dissimilarity precompute() {
    if (n > MAX_MATRIX) {
      throw new InvalidArgumentException(
          "a full matrix of " + n + " objects is too large (limit " + MAX_MATRIX + "); use Dissimilarity.vectors or KMedoids.clara");
    }
    float[][] rows = new float[n][n];
    float[] tile = new float[TILE * TILE];
    for (int a = 0; a < n; a += TILE) {
      int a1 = Math.min(n, a + TILE);
      for (int b = a; b < n; b += TILE) {
        int b1 = Math.min(n, b + TILE);
        kernels.scoreBlock(score, data, a, a1, data, dim, b, b1, tile);
        int w = b1 - b;
        for (int i = a; i < a1; i++) {
          for (int j = Math.max(b, i + 1); j < b1; j++) {
            float d = (float) toDistance(tile[(i - a) * w + (j - b)]);
            rows[i][j] = d;
            rows[j][i] = d;
          }
        }
      }
    }
    return new FloatMatrix(rows, this);
  }

  @Override
  public String toString() {
    return "Dissimilarity[vectors, n=" + n + ", dim=" + dim + ", metric=" + metric + ", on the fly]";
  }

  /** A full float matrix made from vectors. */
  static final class FloatMatrix implements Dissimilarity {
    private final float[][] rows;
    private final VectorDissimilarity source;

    FloatMatrix(float[][] rows, VectorDissimilarity source) {
      this.rows = rows;
      this.source = source;
    }

    /** The vectors the matrix was made from (for the exact loss). */
    VectorDissimilarity source() {
      return source;
    }

    @Override
    public int size() {
      return rows.length;
    }

    @Override
    public double distance(int i, int j) {
      return rows[i][j];
    }

    @Override
    public double[] row(int i, double[] scratch) {
      float[] r = rows[i];
      for (int j = 0; j < r.length; j++) {
        scratch[j] = r[j];
      }
      return scratch;
    }

    /** Row {@code i} itself (not a copy): FasterPAM's float fast path reads it directly. */
    float[] floatRow(int i) {
      return rows[i];
    }

    @Override
    public String toString() {
      return "Dissimilarity[precomputed, n=" + rows.length + ", metric=" + source.metric() + "]";
    }
  }
}
