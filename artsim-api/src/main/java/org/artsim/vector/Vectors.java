package org.artsim.vector;

import org.artsim.DimensionMismatchException;
import org.artsim.InvalidVectorException;
import org.artsim.Metric;

/**
 * Checks and prepares vectors at the boundary of an index or embedder: the right length, only
 * finite components, and a direction under cosine. Messages name the item and the bad value.
 * Stateless and thread-safe.
 */
public final class Vectors {
  private Vectors() {}

  /**
   * Checks a vector and returns the form an index stores: a copy, L2-normalised when {@code
   * metric} normalises.
   *
   * @param what how to name the vector in messages, e.g. {@code "vector for 'id-17'"} or {@code
   *     "query"}
   * @throws DimensionMismatchException if the length is not {@code dimension}
   * @throws InvalidVectorException for NaN or infinite components, or a zero vector under cosine
   */
  public static float[] prepare(float[] vector, int dimension, Metric metric, String what) {
    check(vector, dimension, metric, what);
    float[] copy = vector.clone();
    if (metric.normalises()) {
      normaliseInPlace(copy);
    }
    return copy;
  }

  /** Checks a vector as {@link #prepare} does, without copying it. */
  public static void check(float[] vector, int dimension, Metric metric, String what) {
    if (vector == null) {
      throw new InvalidVectorException(what + " is null; pass a float[] of length " + dimension);
    }
    if (vector.length != dimension) {
      throw new DimensionMismatchException(
          what + " has " + vector.length + " components, but this index holds " + dimension
              + "-dimensional vectors; pass vectors of length " + dimension);
    }
    double sumSquares = 0;
    for (int i = 0; i < vector.length; i++) {
      float x = vector[i];
      if (!Float.isFinite(x)) {
        throw new InvalidVectorException(
            what + " has " + x + " at position " + i + "; replace or drop non-finite values before adding or searching");
      }
      sumSquares += (double) x * x;
    }
    if (metric == Metric.COSINE && sumSquares == 0) {
      throw new InvalidVectorException(
          what + " is all zeros, which has no direction under cosine similarity; drop it, or use metric l2 or dot");
    }
  }

  /** The Euclidean length, accumulated in double. */
  public static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  /** Scales {@code v} to unit length in place (a zero vector is left unchanged). */
  public static void normaliseInPlace(float[] v) {
    double n = norm(v);
    if (n > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / n);
      }
    }
  }

  /** A unit-length copy of {@code v} (a zero vector is copied unchanged). */
  public static float[] normalised(float[] v) {
    float[] c = v.clone();
    normaliseInPlace(c);
    return c;
  }
}
