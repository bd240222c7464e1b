package org.artsim.bench.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.analysis.Cluster;
import org.artsim.analysis.Clusterer;
import org.artsim.analysis.Clusters;

/**
 * How well k-medoids clusters of an embedding follow a labelling: <b>purity</b>, the share of works
 * that carry their cluster's majority label (a cluster's majority label is the label most of its
 * members are filed under; a work filed under several labels counts for each). Beside it the
 * purity of a <b>random assignment</b> with the same cluster sizes (the clusters' members shuffled
 * among them), averaged over seeded shuffles, is the baseline.
 */
final class ClusterPurity {
  private ClusterPurity() {}

  /** The purity of one clustering, the random baseline, and the clustering's size. */
  record Figures(double purity, double randomPurity, int k, int works, double seconds) {}

  /** Clusters with {@code clusterer} (by name, through the api) into {@code k} and measures purity. */
  static <W> Figures measure(String clusterer, List<W> works, List<float[]> vectors, Metric metric, int k, long seed, Function<W, Set<String>> labels) {
    int n = works.size();
    String[] ids = new String[n];
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = Integer.toString(i);
      rows[i] = vectors.get(i);
    }
    long t0 = System.nanoTime();
    Clusterer c = Artsim.clusterer(clusterer);
    Clusters clusters = c.cluster(ids, rows, metric, k, seed);
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<int[]> groups = new ArrayList<>();
    for (Cluster cl : clusters.clusters()) {
      groups.add(cl.members().stream().mapToInt(Integer::parseInt).toArray());
    }
    double purity = purity(groups, works, labels);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Random random = new Random(seed);
    double baseline = 0;
    int shuffles = 20;
    for (int s = 0; s < shuffles; s++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = all[i];
        all[i] = all[j];
        all[j] = t;
      }
      List<int[]> shuffled = new ArrayList<>();
      int at = 0;
      for (int[] g : groups) {
        int[] members = new int[g.length];
        System.arraycopy(all, at, members, 0, g.length);
        at += g.length;
        shuffled.add(members);
      }
      baseline += purity(shuffled, works, labels);
    }
    return new Figures(purity, baseline / shuffles, k, n, seconds);
  }

  /** The share of works carrying their group's majority label. */
  static <W> double purity(List<int[]> groups, List<W> works, Function<W, Set<String>> labels) {
    long right = 0;
    long total = 0;
    for (int[] g : groups) {
      Map<String, Integer> count = new HashMap<>();
      for (int m : g) {
        for (String l : labels.apply(works.get(m))) {
          count.merge(l, 1, Integer::sum);
        }
      }
      right += count.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      total += g.length;
    }
    return total == 0 ? 0 : right / (double) total;
  }
}
