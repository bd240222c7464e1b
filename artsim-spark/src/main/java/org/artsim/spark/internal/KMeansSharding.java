package org.artsim.spark.internal;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Puts each item in the shard of its nearest k-means centroid (Euclidean, on unit vectors under
 * cosine), so that similar items share a shard; a query visits its {@code probe} nearest shards
 * (all shards: exact; fewer: faster, approximate).
 *
 * @param centroids one centroid per shard
 * @param probe how many shards a query visits (at least 1, at most the shard count)
 * @param normalise whether vectors are scaled to unit length before comparing (cosine)
 */
public record KMeansSharding(float[][] centroids, int probe, boolean normalise) implements ShardAssigner {
  private static final long serialVersionUID = 1L;
  private static final int ITERATIONS = 20;

  /**
   * Centroids from a sample by k-means++ seeding and Lloyd iterations, deterministic for a seed.
   * Fewer distinct sample points than shards leave the extra centroids as copies (empty shards).
   */
  public static KMeansSharding fit(List<float[]> sample, int shards, int probe, boolean normalise, long seed) {
    int n = sample.size();
    float[][] points = new float[n][];
    for (int i = 0; i < n; i++) {
      points[i] = normalise ? unit(sample.get(i)) : sample.get(i).clone();
    }
    var random = new SplittableRandom(seed);
    float[][] c = new float[shards][];
    c[0] = points[random.nextInt(n)].clone();
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.MAX_VALUE);
    for (int j = 1; j < shards; j++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], squared(points[i], c[j - 1]));
        total += nearest[i];
      }
      int pick = 0;
      if (total > 0) {
        double r = random.nextDouble() * total;
        while (pick < n - 1 && (r -= nearest[pick]) > 0) {
          pick++;
        }
      }
      c[j] = points[pick].clone();
    }
    int dim = points[0].length;
    int[] assigned = new int[n];
    for (int it = 0; it < ITERATIONS; it++) {
      for (int i = 0; i < n; i++) {
        assigned[i] = nearestCentroid(c, points[i]);
      }
      double[][] sums = new double[shards][dim];
      int[] counts = new int[shards];
      for (int i = 0; i < n; i++) {
        counts[assigned[i]]++;
        for (int d = 0; d < dim; d++) {
          sums[assigned[i]][d] += points[i][d];
        }
      }
      for (int j = 0; j < shards; j++) {
        if (counts[j] > 0) {
          for (int d = 0; d < dim; d++) {
            c[j][d] = (float) (sums[j][d] / counts[j]);
          }
        }
      }
    }
    return new KMeansSharding(c, Math.max(1, Math.min(probe, shards)), normalise);
  }

  @Override
  public int shards() {
    return centroids.length;
  }

  @Override
  public int shardOf(String id, float[] vector) {
    return nearestCentroid(centroids, normalise ? unit(vector) : vector);
  }

  @Override
  public int[] route(float[] query) {
    if (probe >= centroids.length) {
      return ShardAssigner.all(centroids.length);
    }
    float[] q = normalise ? unit(query) : query;
    Integer[] order = new Integer[centroids.length];
    double[] dist = new double[centroids.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
      dist[j] = squared(q, centroids[j]);
    }
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b));
    int[] out = new int[probe];
    for (int j = 0; j < probe; j++) {
      out[j] = order[j];
    }
    return out;
  }

  private static int nearestCentroid(float[][] c, float[] v) {
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int j = 0; j < c.length; j++) {
      double d = squared(v, c[j]);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    return best;
  }

  private static double squared(float[] a, float[] b) {
    double s = 0;
    int len = Math.min(a.length, b.length);
    for (int i = 0; i < len; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  private static float[] unit(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    if (s == 0) {
      return v.clone();
    }
    float[] out = new float[v.length];
    double inv = 1.0 / Math.sqrt(s);
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * inv);
    }
    return out;
  }
}
