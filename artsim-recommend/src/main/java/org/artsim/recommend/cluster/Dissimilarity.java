package org.artsim.recommend.cluster;

import org.artsim.InvalidArgumentException;
import org.artsim.Metric;

/**
 * Pairwise dissimilarities between {@link #size()} objects numbered {@code 0..size()-1}: the input
 * of {@link KMedoids} and {@link Silhouette}. A dissimilarity is non-negative, symmetric and zero
 * from an object to itself; k-medoids needs nothing more (no triangle inequality).
 *
 * <p>Three built-in forms:
 *
 * <ul>
 *   <li>{@link #matrix(double[][])}: a full matrix the caller owns (small n; the known-answer form).
 *   <li>{@link #precomputed(float[][], Metric)}: vectors turned into a full {@code n×n} float
 *       matrix once ({@code 4n²} bytes; about 400 MB at n = 10,000), then looked up.
 *   <li>{@link #vectors(float[][], Metric)}: vectors with distances computed on the fly by the SIMD
 *       kernels, in {@code O(n)} memory, for n too large for a matrix.
 * </ul>
 *
 * Vector distances: {@link Metric#COSINE} and {@link Metric#DOT} give the cosine distance {@code
 * 1 - cos} of the vectors (DOT vectors are compared by direction, since an inner product is not a
 * dissimilarity); {@link Metric#L2} gives the Euclidean distance (not squared). Implementations are
 * immutable and safe to share between threads once built.
 */
public interface Dissimilarity {

  /** The number of objects. */
  int size();

  /** The dissimilarity of objects {@code i} and {@code j}. */
  double distance(int i, int j);

  /**
   * Row {@code i}: the dissimilarities of {@code i} to every object, in a {@code double[size()]}.
   * Returns {@code scratch} filled, or an internal array that callers must not change.
   */
  default double[] row(int i, double[] scratch) {
    int n = size();
    for (int j = 0; j < n; j++) {
      scratch[j] = distance(i, j);
    }
    return scratch;
  }

  /**
   * A full matrix, used as given (not copied: do not change it while clustering). Checked up front:
   * square, finite, non-negative, zero diagonal and symmetric.
   *
   * @throws InvalidArgumentException naming the first bad entry
   */
  static Dissimilarity matrix(double[][] matrix) {
    return new MatrixDissimilarity(matrix);
  }

  /**
   * Vectors with distances computed on the fly ({@code O(n·dim)} work per row). The vectors are
   * copied (and L2-normalised for cosine).
   *
   * @throws InvalidArgumentException for no vectors, ragged lengths, or non-finite values
   * @throws org.artsim.InvalidVectorException for a zero vector under cosine or dot
   */
  static Dissimilarity vectors(float[][] vectors, Metric metric) {
    return new VectorDissimilarity(vectors, metric);
  }

  /**
   * Vectors turned into a full {@code n×n} float matrix once ({@code O(n²·dim)} time, {@code 4n²}
   * bytes); later lookups are free. Use up to n ≈ 20,000.
   *
   * @throws InvalidArgumentException as {@link #vectors}, or when n exceeds 46,000
   */
  static Dissimilarity precomputed(float[][] vectors, Metric metric) {
    return new VectorDissimilarity(vectors, metric).precompute();
  }
}
