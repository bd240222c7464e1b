package org.artsim.bench.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.artsim.Metric;
import org.artsim.collection.view.PcaMap;
import org.artsim.collection.view.UmapConfig;
import org.artsim.collection.view.UmapMap;

/**
 * How well a 2-D map keeps the neighbourhoods of the vectors it draws, UMAP against PCA, on the same
 * vectors: <b>kNN preservation@10</b> (the share of each point's 10 nearest neighbours under cosine
 * that are also among its 10 nearest in the map), <b>trustworthiness@10</b> (Venna and Kaski 2001,
 * as scikit-learn's {@code trustworthiness}: 1 minus the normalised rank penalty of map neighbours
 * that are not true neighbours) and the map's <b>label purity@10</b> (the share of map neighbours
 * with the same label), beside the purity of the true neighbours. Brute force, O(n² d).
 */
final class MapQuality {
  private static final int K = 10;

  private MapQuality() {}

  /** Prints one row per map. */
  static void compare(String name, List<float[]> vectors, List<String> labels, long seed) {
    float[][] v = vectors.toArray(float[][]::new);
    int[][] trueKnn = new int[v.length][];
    int[][] ranks = highRanks(v, trueKnn);
    String truePurity = String.format(Locale.ROOT, "%.3f", purity(trueKnn, labels));
    System.out.println("| map of `" + name + "` (" + v.length + " works) | kNN preservation@10 | trustworthiness@10 | label purity@10 (true neighbours " + truePurity + ") | s |");
    System.out.println("|---|---|---|---|---|");
    long t0 = System.nanoTime();
    double[][] umap = UmapMap.project(v, Metric.COSINE, UmapConfig.defaults().withSeed(seed));
    row("UMAP (15 neighbours, min_dist 0.1, seed " + seed + ", PCA start)", umap, trueKnn, ranks, labels, (System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    double[][] pca = PcaMap.project(v).points();
    row("PCA", pca, trueKnn, ranks, labels, (System.nanoTime() - t0) / 1e9);
  }

  private static void row(String map, double[][] points, int[][] trueKnn, int[][] ranks, List<String> labels, double seconds) {
    int n = points.length;
    int[][] mapKnn = new int[n][];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dx = points[i][0] - points[j][0];
        double dy = points[i][1] - points[j][1];
        keys[j] = ((long) Float.floatToIntBits((float) Math.sqrt(dx * dx + dy * dy)) << 32) | j;
      }
      mapKnn[i] = nearest(keys, i);
    }
    double kept = 0;
    double penalty = 0;
    for (int i = 0; i < n; i++) {
      int[] truth = trueKnn[i];
      for (int j : mapKnn[i]) {
        boolean isTrue = Arrays.stream(truth).anyMatch(t -> t == j);
        kept += isTrue ? 1 : 0;
        if (!isTrue) {
          penalty += ranks[i][j] - K;
        }
      }
    }
    double trust = 1 - 2.0 / (n * K * (2.0 * n - 3.0 * K - 1.0)) * penalty;
    System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.0f |%n", map, kept / (n * (double) K), trust, purity(mapKnn, labels), seconds);
  }

  /** Each point's rank of every other point under cosine distance (1 = nearest), and its 10 nearest. */
  private static int[][] highRanks(float[][] v, int[][] knn) {
    int n = v.length;
    float[][] unit = new float[n][];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (float x : v[i]) {
        s += x * (double) x;
      }
      unit[i] = new float[v[i].length];
      for (int j = 0; j < v[i].length; j++) {
        unit[i][j] = (float) (v[i][j] / Math.sqrt(s));
      }
    }
    int[][] ranks = new int[n][n];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int d = 0; d < unit[i].length; d++) {
          dot += unit[i][d] * unit[j][d];
        }
        keys[j] = ((long) Float.floatToIntBits((float) Math.max(0, 1 - dot)) << 32) | j;
      }
      keys[i] = Long.MIN_VALUE | i;
      Arrays.sort(keys);
      for (int r = 1; r < n; r++) {
        ranks[i][(int) keys[r]] = r;
      }
      knn[i] = new int[K];
      for (int r = 0; r < K; r++) {
        knn[i][r] = (int) keys[r + 1];
      }
    }
    return ranks;
  }

  private static int[] nearest(long[] keys, int self) {
    keys[self] = Long.MAX_VALUE;
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    int[] out = new int[K];
    for (int r = 0; r < K; r++) {
      out[r] = (int) sorted[r];
    }
    return out;
  }

  private static double purity(int[][] knn, List<String> labels) {
    double s = 0;
    for (int i = 0; i < knn.length; i++) {
      int me = i;
      s += Arrays.stream(knn[i]).filter(j -> labels.get(j).equals(labels.get(me))).count() / (double) K;
    }
    return s / knn.length;
  }
}
