package org.artsim.recommend.cluster;

import org.artsim.InvalidArgumentException;

/**
 * The silhouette of a clustering (Rousseeuw 1987, "Silhouettes: a graphical aid to the
 * interpretation and validation of cluster analysis", DOI 10.1016/0377-0427(87)90125-7), for
 * judging a clustering and choosing k.
 *
 * <p>For object {@code i} in cluster {@code A}: {@code a(i)} is its mean distance to the other
 * members of {@code A}, {@code b(i)} the smallest mean distance to the members of another
 * non-empty cluster, and {@code s(i) = (b − a) / max(a, b)} in [-1, 1]; {@code s(i) = 0} when
 * {@code i} is alone in its cluster (Rousseeuw's convention), when there is only one cluster, or
 * when {@code a = b = 0}. The mean silhouette is the average of {@code s(i)} over all objects.
 * {@code O(n²)} distance lookups. Stateless and thread-safe.
 */
public final class Silhouette {
  private Silhouette() {}

  /** The silhouette of every object. */
  public static double[] values(Dissimilarity d, int[] assignment) {
    if (d == null) {
      throw new InvalidArgumentException("dissimilarity is null; give Dissimilarity.matrix(...) or Dissimilarity.vectors(...)");
    }
    int n = d.size();
    if (assignment == null || assignment.length != n) {
      throw new InvalidArgumentException(
          "assignment has " + (assignment == null ? 0 : assignment.length) + " entries for " + n + " objects; give one cluster per object");
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (assignment[i] < 0) {
        throw new InvalidArgumentException("object " + i + " has cluster " + assignment[i] + "; clusters are numbered from 0");
      }
      k = Math.max(k, assignment[i] + 1);
    }
    int[] size = new int[k];
    for (int c : assignment) {
      size[c]++;
    }
    double[] out = new double[n];
    double[] sums = new double[k];
    double[] buf = new double[n];
    for (int i = 0; i < n; i++) {
      int own = assignment[i];
      if (size[own] <= 1) {
        continue;
      }
      java.util.Arrays.fill(sums, 0);
      double[] row = d.row(i, buf);
      for (int j = 0; j < n; j++) {
        sums[assignment[j]] += row[j];
      }
      double a = sums[own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sums[c] / size[c]);
        }
      }
      if (b == Double.POSITIVE_INFINITY) {
        continue;
      }
      double m = Math.max(a, b);
      out[i] = m == 0 ? 0 : (b - a) / m;
    }
    return out;
  }

  /** The mean silhouette of a clustering. */
  public static double mean(Dissimilarity d, int[] assignment) {
    double[] v = values(d, assignment);
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The clustering of one k and its mean silhouette. */
  public record Choice(int k, double silhouette, KMedoidsResult result) {}

  /**
   * Clusters with every k in {@code [minK, maxK]} and returns the one with the highest mean
   * silhouette (the smaller k on ties).
   *
   * @throws InvalidArgumentException unless {@code 2 <= minK <= maxK <= n}
   */
  public static Choice chooseK(Dissimilarity d, int minK, int maxK, KMedoidsConfig config) {
    if (d == null || config == null) {
      throw new InvalidArgumentException((d == null ? "dissimilarity" : "config") + " is null; give a Dissimilarity and a KMedoidsConfig");
    }
    if (minK < 2 || maxK < minK || maxK > d.size()) {
      throw new InvalidArgumentException(
          "k range [" + minK + ", " + maxK + "] is invalid for " + d.size() + " objects; use 2 <= minK <= maxK <= " + d.size());
    }
    Choice best = null;
    for (int k = minK; k <= maxK; k++) {
      var r = KMedoids.fit(d, config.withK(k));
      double s = mean(d, r.assignment());
      if (best == null || s > best.silhouette()) {
        best = new Choice(k, s, r);
      }
    }
    return best;
  }
}
