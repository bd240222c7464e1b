package org.artsim.recommend.unique;

import java.util.Arrays;

/**
 * FiftyOne Brain's uniqueness up to FiftyOne 0.17, in double precision: Euclidean distances on the
 * raw vectors, the 1st to 3rd nearest <em>other</em> items {@code d1 ≤ d2 ≤ d3}, {@code raw =
 * (0.6·d1 + 0.3·d2 + 0.1·d3) / 3}, {@code uniqueness = raw / max raw}. With 3 or fewer items every
 * item scores 1; when every raw score is 0, every item scores 0. {@code O(n²·dim)}. Stateless.
 */
final class FiftyOne017Rule {
  private FiftyOne017Rule() {}

  /** The scores of {@code vectors} (checked), parallel to them. */
  static double[] scores(float[][] vectors) {
    ItemVectors.checkVectors(vectors);
    int n = vectors.length;
    double[] raw = new double[n];
    if (n <= NeighbourWeights.K) {
      Arrays.fill(raw, 1);
      return raw;
    }
    double[][] best = NeighbourWeights.nearestOthers(n, NeighbourWeights.K, (i, j) -> euclidean(vectors[i], vectors[j]));
    for (int i = 0; i < n; i++) {
      raw[i] = NeighbourWeights.weighted(best[i], 0, NeighbourWeights.K);
    }
    return NeighbourWeights.normalise(raw);
  }

  /** Euclidean distance in double precision (as numpy computes it on float64 data). */
  private static double euclidean(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
