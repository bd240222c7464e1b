package org.artsim.recommend.unique;

import java.util.Arrays;

/**
 * FiftyOne Brain's uniqueness as computed since FiftyOne 0.18 ({@code compute_uniqueness} with its
 * default sklearn similarity backend), in double precision:
 *
 * <ol>
 *   <li>centre: subtract the mean vector of the scored items from every vector;
 *   <li>distance: the cosine distance {@code 1 − u·v/(‖u‖‖v‖)} of the centred vectors, clipped to
 *       [0, 2] (a centred vector of length 0 has cosine similarity 0 with everything, as in
 *       scikit-learn); above {@code exactLimit} items FiftyOne switches from the full distance
 *       matrix to a neighbour search on the unit-length centred vectors, whose distance is the
 *       Euclidean one between them, {@code √(2·cosine distance)}, and so does this rule;
 *   <li>neighbours: the 4 nearest <em>other</em> items; the nearest is dropped (FiftyOne asks for
 *       {@code K + 1} neighbours to skip the item itself, which its backend has already excluded), so
 *       the 2nd, 3rd and 4th nearest others {@code d2 ≤ d3 ≤ d4} count;
 *   <li>{@code raw = (0.6·d2 + 0.3·d3 + 0.1·d4) / 3}; {@code uniqueness = raw / max raw}.
 * </ol>
 *
 * With 3 or fewer items every item scores 1 (as FiftyOne). With exactly 4 items there is no 4th
 * other item: FiftyOne's scores are then NaN; here the {@code d4} term is left out. Identical
 * vectors centre to zero vectors, which are at cosine distance 1 from everything, so a collection
 * of identical vectors scores 1 throughout, as in FiftyOne. When every raw score is 0 (every item
 * has four exact copies), every item scores 0 (FiftyOne divides by zero). {@code O(n²·dim)} time, {@code
 * O(n·dim)} memory. Stateless.
 */
final class FiftyOneRule {
  /** FiftyOne's {@code _MAX_PRECOMPUTE_DISTS}: up to this many items it uses the full cosine matrix. */
  static final int FIFTYONE_EXACT_LIMIT = 15_000;

  private static final int NEIGHBOURS = NeighbourWeights.K + 1;

  private FiftyOneRule() {}

  /** The scores of {@code vectors} (checked), parallel to them. */
  static double[] scores(float[][] vectors, int exactLimit) {
    ItemVectors.checkVectors(vectors);
    int n = vectors.length;
    double[] out = new double[n];
    if (n <= NeighbourWeights.K) {
      Arrays.fill(out, 1);
      return out;
    }
    double[][] unit = unitCentred(vectors);
    boolean chord = n > exactLimit;
    double[][] best = NeighbourWeights.nearestOthers(n, NEIGHBOURS, (i, j) -> chord ? chordDistance(unit[i], unit[j]) : cosineDistance(unit[i], unit[j]));
    int others = Math.min(NEIGHBOURS, n - 1);
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      raw[i] = NeighbourWeights.weighted(best[i], 1, others - 1);
    }
    return NeighbourWeights.normalise(raw);
  }

  /** The vectors minus their mean, each divided by its length (zero vectors stay zero). */
  static double[][] unitCentred(float[][] vectors) {
    int n = vectors.length;
    int dim = vectors[0].length;
    double[] mean = new double[dim];
    for (float[] v : vectors) {
      for (int d = 0; d < dim; d++) {
        mean[d] += v[d];
      }
    }
    for (int d = 0; d < dim; d++) {
      mean[d] /= n;
    }
    double[][] unit = new double[n][dim];
    for (int i = 0; i < n; i++) {
      double[] u = unit[i];
      double sq = 0;
      for (int d = 0; d < dim; d++) {
        u[d] = vectors[i][d] - mean[d];
        sq += u[d] * u[d];
      }
      double norm = Math.sqrt(sq);
      if (norm > 0) {
        for (int d = 0; d < dim; d++) {
          u[d] /= norm;
        }
      }
    }
    return unit;
  }

  /** {@code 1 − u·v} clipped to [0, 2], for unit (or zero) vectors. */
  static double cosineDistance(double[] u, double[] v) {
    double dot = 0;
    for (int d = 0; d < u.length; d++) {
      dot += u[d] * v[d];
    }
    return Math.min(2, Math.max(0, 1 - dot));
  }

  /** The Euclidean distance of two unit (or zero) vectors. */
  static double chordDistance(double[] u, double[] v) {
    double s = 0;
    for (int d = 0; d < u.length; d++) {
      double x = u[d] - v[d];
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
