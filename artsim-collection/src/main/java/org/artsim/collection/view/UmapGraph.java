package org.artsim.collection.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.VectorIndex;

/**
 * The fuzzy topological representation of UMAP (McInnes, Healy and Melville 2018, section 3.1 and
 * umap-learn's {@code fuzzy_simplicial_set}): each point's {@code k} nearest neighbours (itself
 * counted, as umap-learn does) from an artsim {@link VectorIndex}, the smooth-kNN distances
 * {@code rho} (distance to the nearest other point at a positive distance) and {@code sigma} (by
 * binary search, so that {@code sum exp(-(d - rho) / sigma) = log2 k}), the directed memberships
 * {@code exp(-(d - rho) / sigma)} and their fuzzy union {@code A + Aᵀ - A∘Aᵀ}.
 *
 * <p>The graph holds both directions of every edge, sorted by (head, tail), so the optimiser's
 * order, and thus the map, is deterministic.
 */
final class UmapGraph {
  private static final int SEARCH_ITERATIONS = 64;
  private static final double TOLERANCE = 1e-5;
  private static final double MIN_K_DIST_SCALE = 1e-3;
  private static final int BATCH = 256;

  /** The symmetric graph: edge {@code e} joins {@code heads[e]} to {@code tails[e]} with membership {@code weights[e]} in (0, 1]. */
  record Edges(int n, int[] heads, int[] tails, double[] weights) {}

  private UmapGraph() {}

  /**
   * The distances from each point to its {@code k - 1} nearest other points, nearest first ({@code
   * neighbours[i]}, {@code distances[i]}), from searches of {@code index}, which holds {@code vectors[i]}
   * under id {@code ids[i]}.
   */
  static int[][] neighbours(VectorIndex index, String[] ids, float[][] vectors, int k, double[][] distances) {
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      row.put(ids[i], i);
    }
    Metric metric = index.metric();
    int[][] out = new int[ids.length][];
    for (int from = 0; from < ids.length; from += BATCH) {
      int to = Math.min(ids.length, from + BATCH);
      List<List<Hit>> batch = index.searchBatch(Arrays.copyOfRange(vectors, from, to), k, LabelFilter.none());
      for (int i = from; i < to; i++) {
        var others = new ArrayList<Hit>(k - 1);
        for (Hit h : batch.get(i - from)) {
          if (!h.id().equals(ids[i]) && others.size() < k - 1 && row.containsKey(h.id())) {
            others.add(h);
          }
        }
        out[i] = new int[others.size()];
        distances[i] = new double[others.size()];
        for (int j = 0; j < others.size(); j++) {
          out[i][j] = row.get(others.get(j).id());
          distances[i][j] = Math.max(0, metric.distance(others.get(j).score()));
        }
      }
    }
    return out;
  }

  /** The fuzzy union of the smooth-kNN memberships of a kNN graph ({@code k} counts the point itself). */
  static Edges fuzzyUnion(int[][] neighbours, double[][] distances, int k) {
    int n = neighbours.length;
    double[] rho = new double[n];
    double[] sigma = new double[n];
    smoothKnn(distances, k, rho, sigma);
    Map<Long, double[]> pairs = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < neighbours[i].length; j++) {
        int t = neighbours[i][j];
        double over = distances[i][j] - rho[i];
        double w = over <= 0 || sigma[i] == 0 ? 1.0 : Math.exp(-over / sigma[i]);
        boolean forward = i < t;
        long key = forward ? (long) i * n + t : (long) t * n + i;
        double[] both = pairs.computeIfAbsent(key, x -> new double[2]);
        both[forward ? 0 : 1] = w;
      }
    }
    long[] keys = pairs.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    int[] heads = new int[2 * keys.length];
    int[] tails = new int[2 * keys.length];
    double[] weights = new double[2 * keys.length];
    int e = 0;
    for (long key : keys) {
      double[] both = pairs.get(key);
      double w = both[0] + both[1] - both[0] * both[1];
      int a = (int) (key / n);
      int b = (int) (key % n);
      heads[e] = a;
      tails[e] = b;
      weights[e++] = w;
      heads[e] = b;
      tails[e] = a;
      weights[e++] = w;
    }
    return sortByHead(new Edges(n, heads, tails, weights));
  }

  private static Edges sortByHead(Edges g) {
    Integer[] order = new Integer[g.heads().length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> g.heads()[x] != g.heads()[y] ? Integer.compare(g.heads()[x], g.heads()[y]) : Integer.compare(g.tails()[x], g.tails()[y]));
    int[] h = new int[order.length];
    int[] t = new int[order.length];
    double[] w = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      h[i] = g.heads()[order[i]];
      t[i] = g.tails()[order[i]];
      w[i] = g.weights()[order[i]];
    }
    return new Edges(g.n(), h, t, w);
  }

  /**
   * umap-learn's {@code smooth_knn_dist} with {@code local_connectivity = 1}: {@code rho[i]} and
   * {@code sigma[i]} from each point's distances to its other neighbours (the point itself, at
   * distance 0, is the first of its {@code k}).
   */
  static void smoothKnn(double[][] distances, int k, double[] rho, double[] sigma) {
    double target = Math.log(k) / Math.log(2);
    double meanAll = 0;
    int count = 0;
    for (double[] row : distances) {
      for (double d : row) {
        meanAll += d;
        count++;
      }
    }
    meanAll = count == 0 ? 0 : meanAll / count;
    for (int i = 0; i < distances.length; i++) {
      double[] d = distances[i];
      rho[i] = 0;
      for (double x : d) {
        if (x > 0) {
          rho[i] = x;
          break;
        }
      }
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double mid = 1;
      for (int it = 0; it < SEARCH_ITERATIONS; it++) {
        double psum = 0;
        for (double x : d) {
          double over = x - rho[i];
          psum += over > 0 ? Math.exp(-over / mid) : 1.0;
        }
        if (Math.abs(psum - target) < TOLERANCE) {
          break;
        }
        if (psum > target) {
          hi = mid;
          mid = (lo + hi) / 2;
        } else {
          lo = mid;
          mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
        }
      }
      double mean = 0;
      for (double x : d) {
        mean += x;
      }
      mean = d.length == 0 ? 0 : mean / d.length;
      sigma[i] = Math.max(mid, MIN_K_DIST_SCALE * (rho[i] > 0 ? mean : meanAll));
    }
  }
}
