package org.artsim.collection.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;

/**
 * The "alternate" k-medoids of Park &amp; Jun (2009), <i>A simple and fast algorithm for
 * K-medoids clustering</i>, Expert Systems with Applications 36(2), doi:10.1016/j.eswa.2008.01.039:
 * assign every item to its nearest medoid, then move each medoid to the member with the smallest
 * distance sum, until nothing changes (at most 50 passes). Seeded k-means++ initialisation
 * (Arthur &amp; Vassilvitskii 2007, doi:10.1145/1283383.1283494) from a {@link SplittableRandom}.
 *
 * <p>A small fallback used when no fuller clusterer is plugged in: a pass costs O(n·k) distances
 * for the assignment and O(Σ|cluster|²) for the medoid update. Its loss is usually a little above
 * FasterPAM's. Distances are cosine distances ({@code 1 - cos}) for {@link Metric#COSINE}, negated
 * dot products for {@link Metric#DOT} and Euclidean distances for {@link Metric#L2}. Ties go to the
 * lower index. Stateless and thread-safe.
 */
public final class AlternatingKMedoids implements Clusterer {
  private static final int MAX_PASSES = 50;

  @Override
  public Clusters cluster(String[] ids, float[][] vectors, Metric metric, int k, long seed) {
    int n = vectors.length;
    if (k < 1 || k > n) {
      throw new InvalidArgumentException("k must be in [1, " + n + "] (the number of items), got " + k);
    }
    var random = new SplittableRandom(seed);
    int[] medoids = new int[k];
    double[] nearest = new double[n];
    java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    medoids[0] = random.nextInt(n);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], distance(vectors[i], vectors[medoids[c - 1]], metric));
        total += nearest[i] * nearest[i];
      }
      double target = random.nextDouble() * total;
      int pick = -1;
      for (int i = 0; i < n && pick < 0; i++) {
        target -= nearest[i] * nearest[i];
        if (target <= 0 && nearest[i] > 0) {
          pick = i;
        }
      }
      if (pick < 0) {
        pick = firstNonMedoid(medoids, c, n);
      }
      medoids[c] = pick;
    }
    int[] assign = new int[n];
    int passes = 0;
    boolean changed = true;
    double loss = 0;
    while (changed && passes < MAX_PASSES) {
      passes++;
      loss = assign(vectors, metric, medoids, assign);
      changed = false;
      for (int c = 0; c < k; c++) {
        var members = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
          if (assign[i] == c) {
            members.add(i);
          }
        }
        int best = medoids[c];
        double bestSum = Double.POSITIVE_INFINITY;
        for (int a : members) {
          double sum = 0;
          for (int b : members) {
            sum += distance(vectors[a], vectors[b], metric);
          }
          if (sum < bestSum - 1e-12 || (Math.abs(sum - bestSum) <= 1e-12 && a < best)) {
            bestSum = sum;
            best = a;
          }
        }
        if (best != medoids[c]) {
          medoids[c] = best;
          changed = true;
        }
      }
    }
    loss = assign(vectors, metric, medoids, assign);
    var clusters = new ArrayList<Cluster>(k);
    for (int c = 0; c < k; c++) {
      var members = new ArrayList<String>();
      for (int i = 0; i < n; i++) {
        if (assign[i] == c) {
          members.add(ids[i]);
        }
      }
      clusters.add(new Cluster(ids[medoids[c]], members));
    }
    clusters.sort(Comparator.comparingInt(Cluster::size).reversed().thenComparing(Cluster::medoid));
    return new Clusters(clusters, loss, passes, "alternating k-medoids (Park & Jun 2009)");
  }

  private static int firstNonMedoid(int[] medoids, int used, int n) {
    for (int i = 0; i < n; i++) {
      boolean taken = false;
      for (int c = 0; c < used; c++) {
        taken |= medoids[c] == i;
      }
      if (!taken) {
        return i;
      }
    }
    return 0;
  }

  private static double assign(float[][] vectors, Metric metric, int[] medoids, int[] assign) {
    double loss = 0;
    for (int i = 0; i < vectors.length; i++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int c = 0; c < medoids.length; c++) {
        double d = medoids[c] == i ? 0 : distance(vectors[i], vectors[medoids[c]], metric);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      assign[i] = best;
      loss += bestD;
    }
    return loss;
  }

  /** The distance the clustering minimises; see the class comment. */
  static double distance(float[] a, float[] b, Metric metric) {
    double dot = 0;
    double l2 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      double d = a[i] - b[i];
      l2 += d * d;
    }
    return switch (metric) {
      case COSINE -> Math.max(0, 1 - dot);
      case DOT -> -dot;
      case L2 -> Math.sqrt(l2);
    };
  }
}
