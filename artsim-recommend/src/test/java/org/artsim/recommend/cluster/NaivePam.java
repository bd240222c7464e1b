package org.artsim.recommend.cluster;

import java.util.SplittableRandom;

/** Naive references: exhaustive search, classic PAM (BUILD + best-improvement SWAP), swap optimality. */
final class NaivePam {
  private NaivePam() {}

  /** Euclidean distances of n random points in the unit square (rounded to a 1/1000 grid, so ties happen). */
  static double[][] randomPlaneMatrix(SplittableRandom r, int n) {
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextInt(1000) / 1000.0;
      y[i] = r.nextInt(1000) / 1000.0;
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = i == j ? 0 : Math.hypot(x[i] - x[j], y[i] - y[j]);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        m[j][i] = m[i][j];
      }
    }
    return m;
  }

  static double loss(double[][] m, int[] medoids) {
    double s = 0;
    for (double[] row : m) {
      double best = Double.POSITIVE_INFINITY;
      for (int c : medoids) {
        best = Math.min(best, row[c]);
      }
      s += best;
    }
    return s;
  }

  /** The minimum loss over all k-subsets. */
  static double exhaustiveOptimum(double[][] m, int k) {
    return search(m, new int[k], 0, 0);
  }

  private static double search(double[][] m, int[] chosen, int depth, int from) {
    if (depth == chosen.length) {
      return loss(m, chosen);
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = from; i <= m.length - (chosen.length - depth); i++) {
      chosen[depth] = i;
      best = Math.min(best, search(m, chosen, depth + 1, i + 1));
    }
    return best;
  }

  /** Classic PAM: BUILD, then repeatedly the best of all k·(n−k) swaps while it improves. */
  static double pam(double[][] m, int k) {
    int n = m.length;
    int[] med = new int[k];
    boolean[] isMed = new boolean[n];
    for (int j = 0; j < k; j++) {
      int best = -1;
      double bestLoss = Double.POSITIVE_INFINITY;
      for (int x = 0; x < n; x++) {
        if (isMed[x]) {
          continue;
        }
        med[j] = x;
        double l = loss(m, java.util.Arrays.copyOf(med, j + 1));
        if (l < bestLoss) {
          bestLoss = l;
          best = x;
        }
      }
      med[j] = best;
      isMed[best] = true;
    }
    double current = loss(m, med);
    while (true) {
      double bestLoss = current;
      int bi = -1;
      int bx = -1;
      for (int i = 0; i < k; i++) {
        for (int x = 0; x < n; x++) {
          if (isMed[x]) {
            continue;
          }
          int old = med[i];
          med[i] = x;
          double l = loss(m, med);
          med[i] = old;
          if (l < bestLoss - 1e-12) {
            bestLoss = l;
            bi = i;
            bx = x;
          }
        }
      }
      if (bi < 0) {
        return current;
      }
      isMed[med[bi]] = false;
      med[bi] = bx;
      isMed[bx] = true;
      current = bestLoss;
    }
  }

  /** Whether no single swap lowers the loss (the local optimum PAM and FasterPAM both stop at). */
  static boolean isSwapOptimal(double[][] m, int[] medoids, double loss) {
    int[] med = medoids.clone();
    var isMed = new boolean[m.length];
    for (int c : med) {
      isMed[c] = true;
    }
    for (int i = 0; i < med.length; i++) {
      for (int x = 0; x < m.length; x++) {
        if (isMed[x]) {
          continue;
        }
        int old = med[i];
        med[i] = x;
        double l = loss(m, med);
        med[i] = old;
        if (l < loss - 1e-9) {
          return false;
        }
      }
    }
    return true;
  }
}
