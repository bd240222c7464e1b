package org.artsim.recommend.unique;

/**
 * FiftyOne Brain's weighting of neighbour distances, shared by every uniqueness rule: {@code K = 3}
 * distances weighted {@code 0.6, 0.3, 0.1} (nearest first), averaged over the three ({@code raw =
 * Σ wⱼ·dⱼ / 3}), then divided by the largest raw score so that the most unique item scores 1.
 */
final class NeighbourWeights {
  /** The number of weighted neighbour distances. */
  static final int K = 3;

  private static final double[] WEIGHTS = {0.6, 0.3, 0.1};

  private NeighbourWeights() {}

  static double[] weights() {
    return WEIGHTS.clone();
  }

  /**
   * {@code Σ WEIGHTS[j]·d[from + j] / K} over the {@code count} distances present (the sum in order,
   * as numpy's mean of the weighted row).
   */
  static double weighted(double[] d, int from, int count) {
    double s = 0;
    for (int j = 0; j < count; j++) {
      s += d[from + j] * WEIGHTS[j];
    }
    return s / K;
  }

  /** Each raw score divided by the largest; all zeros when the largest is 0. */
  static double[] normalise(double[] raw) {
    double max = 0;
    for (double r : raw) {
      max = Math.max(max, r);
    }
    double[] out = new double[raw.length];
    if (max > 0) {
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i] / max;
      }
    }
    return out;
  }

  /** A symmetric distance between items {@code i} and {@code j}. */
  @FunctionalInterface
  interface PairDistance {
    double between(int i, int j);
  }

  /**
   * For each of {@code n} items the {@code m} smallest distances to the other items, ascending
   * (missing ones +∞). Each pair is measured once ({@code n(n−1)/2} distances), which gives the
   * same values as measuring both orders since every distance used is symmetric bit for bit.
   */
  static double[][] nearestOthers(int n, int m, PairDistance distance) {
    double[][] best = new double[n][m];
    for (double[] row : best) {
      java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double d = distance.between(i, j);
        keepSmallest(best[i], d);
        keepSmallest(best[j], d);
      }
    }
    return best;
  }

  /** Inserts {@code dist} into the ascending array {@code best} (length m) if it is smaller than its last entry. */
  static void keepSmallest(double[] best, double dist) {
    int m = best.length;
    if (!(dist < best[m - 1])) {
      return;
    }
    int p = m - 1;
    while (p > 0 && best[p - 1] > dist) {
      best[p] = best[p - 1];
      p--;
    }
    best[p] = dist;
  }
}
