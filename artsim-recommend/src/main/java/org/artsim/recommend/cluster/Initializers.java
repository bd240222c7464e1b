package org.artsim.recommend.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Starting medoids for FasterPAM: BUILD, LAB and uniform random (see {@link
 * KMedoidsConfig.Initialization}). Ties go to the lower object number. Stateless.
 */
final class Initializers {
  private Initializers() {}

  static int[] choose(Dissimilarity d, KMedoidsConfig config) {
    return switch (config.init()) {
      case BUILD -> build(d, config.k());
      case LAB -> lab(d, config.k(), new SplittableRandom(config.seed()));
      case RANDOM -> random(d.size(), config.k(), new SplittableRandom(config.seed()));
    };
  }

  /**
   * PAM's BUILD (Kaufman and Rousseeuw, "Finding Groups in Data", 1990, ch. 2; DOI
   * 10.1002/9780470316801): first the object with the least distance sum, then each time the object
   * whose addition lowers the total deviation most. O(k·n²).
   */
  static int[] build(Dissimilarity d, int k) {
    int n = d.size();
    double[] buf = new double[n];
    double[] dn = new double[n];
    boolean[] chosen = new boolean[n];
    int[] medoids = new int[k];
    int first = 0;
    double bestSum = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double[] row = d.row(i, buf);
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += row[j];
      }
      if (s < bestSum) {
        bestSum = s;
        first = i;
      }
    }
    medoids[0] = first;
    chosen[first] = true;
    System.arraycopy(d.row(first, buf), 0, dn, 0, n);
    for (int m = 1; m < k; m++) {
      int best = -1;
      double bestGain = -1;
      for (int x = 0; x < n; x++) {
        if (chosen[x]) {
          continue;
        }
        double[] row = d.row(x, buf);
        double gain = 0;
        for (int o = 0; o < n; o++) {
          double g = dn[o] - row[o];
          if (g > 0) {
            gain += g;
          }
        }
        if (gain > bestGain) {
          bestGain = gain;
          best = x;
        }
      }
      medoids[m] = best;
      chosen[best] = true;
      double[] row = d.row(best, buf);
      for (int o = 0; o < n; o++) {
        dn[o] = Math.min(dn[o], row[o]);
      }
    }
    return medoids;
  }

  /**
   * LAB (Schubert and Rousseeuw, "Faster k-Medoids Clustering: Improving the PAM, CLARA, and
   * CLARANS Algorithms", SISAP 2019; DOI 10.1007/978-3-030-32047-8_16): for each medoid, BUILD's
   * rule on a fresh sample of {@code 10 + ⌈√n⌉} non-medoids, measuring the gain on that sample
   * only: O(k·n + k²·√n) distances.
   */
  static int[] lab(Dissimilarity d, int k, SplittableRandom random) {
    int n = d.size();
    int sampleSize = 10 + (int) Math.ceil(Math.sqrt(n));
    int[] pool = new int[n];
    for (int i = 0; i < n; i++) {
      pool[i] = i;
    }
    int poolSize = n;
    int[] medoids = new int[k];
    double[] dnS = new double[sampleSize];
    for (int m = 0; m < k; m++) {
      int s = Math.min(sampleSize, poolSize);
      for (int i = 0; i < s; i++) {
        int j = i + random.nextInt(poolSize - i);
        int t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
      }
      for (int i = 0; i < s; i++) {
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < m; c++) {
          best = Math.min(best, d.distance(pool[i], medoids[c]));
        }
        dnS[i] = best;
      }
      int bestIdx = 0;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int c = 0; c < s; c++) {
        double cost = 0;
        for (int i = 0; i < s; i++) {
          cost += i == c ? 0 : Math.min(dnS[i], d.distance(pool[i], pool[c]));
        }
        if (cost < bestCost) {
          bestCost = cost;
          bestIdx = c;
        }
      }
      medoids[m] = pool[bestIdx];
      pool[bestIdx] = pool[--poolSize];
      pool[poolSize] = medoids[m];
    }
    return medoids;
  }

  /** {@code k} distinct objects drawn uniformly (partial Fisher-Yates). */
  static int[] random(int n, int k, SplittableRandom random) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return Arrays.copyOf(perm, k);
  }
}
