package org.artsim.vector;

import java.util.Arrays;
import java.util.Collection;
import org.artsim.InvalidArgumentException;

/**
 * Subtracts a collection's mean vector from each vector before it goes into a cosine index.
 *
 * <p>Cosine similarity compares directions from the origin. When every vector shares a large
 * common component (raw pixels all share a bright silhouette; CNN and CLIP features share a
 * "this is an image" direction), that component dominates every cosine and the differences that
 * separate works shrink. Centring removes it: cosine then compares how works differ from the
 * average work. On Fashion-MNIST pixels it lifts the mean share of like-driven recommendations from
 * the liked class from 0.73 (L2) and 0.72 (cosine) to 0.81 on the committed subset, and from 0.78
 * and 0.76 to 0.84 on the 60,000 training images (artsim-bench/results/recommend.md). Fit it once
 * on the collection, apply it to every stored vector and every query vector alike, and keep it
 * with the index (its {@link #mean()} is the whole state).
 * It changes nothing for L2 distances, which are invariant under translation. A vector equal to
 * the mean centres to the zero vector, which a cosine index refuses with {@code
 * InvalidVectorException}.
 *
 * <p>Immutable and thread-safe; {@link #apply} never modifies its argument.
 */
public final class MeanCentring {
  private final float[] mean;

  private MeanCentring(float[] mean) {
    this.mean = mean;
  }

  /** The mean of {@code vectors}, which must be non-empty and all of one dimension. */
  public static MeanCentring fit(Collection<float[]> vectors) {
    if (vectors == null || vectors.isEmpty()) {
      throw new InvalidArgumentException("cannot fit a mean to no vectors; pass the collection's vectors");
    }
    int dim = vectors.iterator().next().length;
    double[] sum = new double[dim];
    int row = 0;
    for (float[] v : vectors) {
      if (v == null || v.length != dim) {
        throw new InvalidArgumentException(
            "vector " + row + " has dimension " + (v == null ? "null" : v.length) + ", the first has " + dim + "; pass vectors of one dimension");
      }
      for (int d = 0; d < dim; d++) {
        sum[d] += v[d];
      }
      row++;
    }
    float[] mean = new float[dim];
    for (int d = 0; d < dim; d++) {
      mean[d] = (float) (sum[d] / row);
    }
    return new MeanCentring(mean);
  }

  /** A centring around a known mean (e.g. one saved with an index); the array is copied. */
  public static MeanCentring of(float[] mean) {
    if (mean == null || mean.length == 0) {
      throw new InvalidArgumentException("the mean vector is empty; pass the mean the centring was fitted to");
    }
    return new MeanCentring(mean.clone());
  }

  /** The mean vector (a copy). */
  public float[] mean() {
    return mean.clone();
  }

  /** The dimension this centring applies to. */
  public int dimension() {
    return mean.length;
  }

  /** A new vector: {@code vector - mean}. */
  public float[] apply(float[] vector) {
    if (vector == null || vector.length != mean.length) {
      throw new InvalidArgumentException(
          "vector has dimension " + (vector == null ? "null" : vector.length) + " but the centring was fitted to dimension " + mean.length);
    }
    float[] out = new float[mean.length];
    for (int d = 0; d < mean.length; d++) {
      out[d] = vector[d] - mean[d];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MeanCentring other && Arrays.equals(mean, other.mean);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean);
  }

  @Override
  public String toString() {
    return "MeanCentring[dimension=" + mean.length + "]";
  }
}
