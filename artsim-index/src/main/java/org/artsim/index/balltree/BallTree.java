package org.artsim.index.balltree;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Labels;
import org.artsim.vector.VectorKernels;

/**
 * The node structure of a ball tree over rows {@code [0, n)} of a row-major matrix that has already
 * been permuted into leaf order (each node covers a contiguous row range).
 *
 * <h2>Layout</h2>
 *
 * Nodes are numbered from 0 (the root); children always have larger numbers than their parent.
 * Per node, parallel arrays hold the row range {@code [start, end)}, the children ({@code left =
 * -1} for a leaf), the parent, the centre {@code mu} (the mean of its rows, float32, {@code dim}
 * values at {@code node * dim}), the radius (the largest Euclidean distance from {@code mu} to one
 * of its rows), {@code |mu|}, and the number of live (not removed) rows below it. For conditional
 * search every label value present keeps an {@code int[nodeCount]} of how many live rows below each
 * node carry it, so a query skips any subtree whose counts are zero for all its requested values.
 *
 * <h2>Split rule</h2>
 *
 * As in SynapseML's ConditionalBallTree: a node with at most {@code leafSize} rows, or a radius
 * below 1e-6, is a leaf. Otherwise take a random row (from the seeded generator), let pivot 1 be
 * the row farthest from it and pivot 2 the row farthest from pivot 1, and send each row to the
 * nearer pivot (ties to the left). If a side would be empty (only possible through rounding) the
 * node stays a leaf. Construction is O(n log n &middot; dim) for balanced splits.
 *
 * <p>Omohundro, "Five Balltree Construction Algorithms", ICSI TR-89-063 (1989); Ram &amp; Gray,
 * "Maximum inner-product search using cone trees", KDD 2012, doi:10.1145/2339530.2339677.
 *
 * <p>Not thread-safe: the owning index guards it.
 */
final class BallTree {
  final int dim;
  final int nodeCount;
  final int[] start;
  final int[] end;
  final int[] left;
  final int[] right;
  final int[] parent;
  final float[] mu;
  final double[] radius;
  final double[] muNorm;
  final int[] live;
  /** The leaf holding each row. */
  final int[] leafOf;
  /** field -> value -> live rows carrying it below each node. */
  final Map<String, Map<String, int[]>> labelCounts = new HashMap<>();

  private BallTree(int dim, int nodeCount, int[] start, int[] end, int[] left, int[] right, int[] parent, float[] mu, double[] radius, int n) {
    this.dim = dim;
    this.nodeCount = nodeCount;
    this.start = start;
    this.end = end;
    this.left = left;
    this.right = right;
    this.parent = parent;
    this.mu = mu;
    this.radius = radius;
    this.muNorm = new double[nodeCount];
    for (int i = 0; i < nodeCount; i++) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        double x = mu[i * dim + d];
        s += x * x;
      }
      muNorm[i] = Math.sqrt(s);
    }
    this.live = new int[nodeCount];
    this.leafOf = new int[n];
  }

  boolean isLeaf(int node) {
    return left[node] < 0;
  }

  /**
   * Builds the tree over rows {@code [0, n)} of {@code data}, reordering those rows in place into
   * leaf order; {@code perm} (length at least n) receives, for each new row, the row it came from.
   */
  static BallTree build(float[] data, int dim, int n, int leafSize, long seed, int[] perm, VectorKernels kernels) {
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    int cap = Math.max(1, 2 * (n / Math.max(1, leafSize)) + 8);
    int[] start = new int[cap];
    int[] end = new int[cap];
    int[] left = new int[cap];
    int[] right = new int[cap];
    int[] parent = new int[cap];
    float[] mu = new float[cap * dim];
    double[] radius = new double[cap];
    int count = 0;
    var random = new SplittableRandom(seed);
    double[] sum = new double[dim];
    float[] centre = new float[dim];
    // work stack of node ids whose range is set but which are not yet split
    int[] stack = new int[64];
    int top = 0;
    start[0] = 0;
    end[0] = n;
    parent[0] = -1;
    count = 1;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      int from = start[node];
      int to = end[node];
      Arrays.fill(sum, 0);
      for (int i = from; i < to; i++) {
        int off = perm[i] * dim;
        for (int d = 0; d < dim; d++) {
          sum[d] += data[off + d];
        }
      }
      for (int d = 0; d < dim; d++) {
        centre[d] = (float) (sum[d] / (to - from));
      }
      float maxSq = 0;
      for (int i = from; i < to; i++) {
        maxSq = Math.max(maxSq, kernels.squaredDistance(centre, 0, data, perm[i] * dim, dim));
      }
      System.arraycopy(centre, 0, mu, node * dim, dim);
      radius[node] = Math.sqrt(maxSq);
      left[node] = -1;
      right[node] = -1;
      if (to - from <= leafSize || radius[node] < 1e-6) {
        continue;
      }
      int seedRow = perm[from + random.nextInt(to - from)];
      int p1 = farthest(data, dim, perm, from, to, seedRow, kernels);
      int p2 = farthest(data, dim, perm, from, to, p1, kernels);
      int split = partition(data, dim, perm, from, to, p1, p2, kernels);
      if (split == from || split == to) {
        continue;
      }
      if (count + 2 > start.length) {
        int c = start.length * 2;
        start = Arrays.copyOf(start, c);
        end = Arrays.copyOf(end, c);
        left = Arrays.copyOf(left, c);
        right = Arrays.copyOf(right, c);
        parent = Arrays.copyOf(parent, c);
        radius = Arrays.copyOf(radius, c);
      }
      if ((count + 2) * dim > mu.length) {
        mu = Arrays.copyOf(mu, Math.max(mu.length * 2, (count + 2) * dim));
      }
      int l = count++;
      int r = count++;
      left[node] = l;
      right[node] = r;
      start[l] = from;
      end[l] = split;
      start[r] = split;
      end[r] = to;
      parent[l] = node;
      parent[r] = node;
      if (top + 2 > stack.length) {
        stack = Arrays.copyOf(stack, stack.length * 2);
      }
      stack[top++] = r;
      stack[top++] = l;
    }
    // move the rows into leaf order
    float[] ordered = new float[n * dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(data, perm[i] * dim, ordered, i * dim, dim);
    }
    System.arraycopy(ordered, 0, data, 0, n * dim);
    var tree =
        new BallTree(
            dim,
            count,
            Arrays.copyOf(start, count),
            Arrays.copyOf(end, count),
            Arrays.copyOf(left, count),
            Arrays.copyOf(right, count),
            Arrays.copyOf(parent, count),
            Arrays.copyOf(mu, count * dim),
            Arrays.copyOf(radius, count),
            n);
    for (int node = 0; node < count; node++) {
      if (tree.isLeaf(node)) {
        for (int i = tree.start[node]; i < tree.end[node]; i++) {
          tree.leafOf[i] = node;
        }
      }
    }
    return tree;
  }

  private static int farthest(float[] data, int dim, int[] perm, int from, int to, int fromRow, VectorKernels kernels) {
    int best = perm[from];
    float bestD = -1;
    for (int i = from; i < to; i++) {
      float d = kernels.squaredDistance(data, fromRow * dim, data, perm[i] * dim, dim);
      if (d > bestD) {
        bestD = d;
        best = perm[i];
      }
    }
    return best;
  }

  /** Moves rows nearer (or equally near) to p1 before those nearer to p2; returns the boundary. */
  private static int partition(float[] data, int dim, int[] perm, int from, int to, int p1, int p2, VectorKernels kernels) {
    int i = from;
    int j = to - 1;
    while (i <= j) {
      int row = perm[i];
      float d1 = kernels.squaredDistance(data, row * dim, data, p1 * dim, dim);
      float d2 = kernels.squaredDistance(data, row * dim, data, p2 * dim, dim);
      if (d1 <= d2) {
        i++;
      } else {
        perm[i] = perm[j];
        perm[j] = row;
        j--;
      }
    }
    return i;
  }

  /** Counts live rows and label values per node, from the rows' labels in leaf order. */
  void countRows(Labels[] labels, int n) {
    for (int node = nodeCount - 1; node >= 0; node--) {
      if (isLeaf(node)) {
        for (int i = start[node]; i < end[node]; i++) {
          live[node]++;
          for (var e : labels[i].values().entrySet()) {
            counts(e.getKey(), e.getValue())[node]++;
          }
        }
      }
    }
    for (int node = nodeCount - 1; node > 0; node--) {
      int p = parent[node];
      live[p] += live[node];
    }
    for (var values : labelCounts.values()) {
      for (int[] c : values.values()) {
        for (int node = nodeCount - 1; node > 0; node--) {
          c[parent[node]] += c[node];
        }
      }
    }
  }

  private int[] counts(String field, String value) {
    return labelCounts.computeIfAbsent(field, f -> new HashMap<>()).computeIfAbsent(value, v -> new int[nodeCount]);
  }

  /** The per-node counts of one label value, or null if no row of the tree carried it. */
  int[] countsOf(String field, String value) {
    var values = labelCounts.get(field);
    return values == null ? null : values.get(value);
  }

  /** Records that row {@code row} (carrying {@code labels}) was removed. */
  void removeRow(int row, Labels labels) {
    for (int node = leafOf[row]; node >= 0; node = parent[node]) {
      live[node]--;
    }
    for (var e : labels.values().entrySet()) {
      int[] c = countsOf(e.getKey(), e.getValue());
      if (c != null) {
        for (int node = leafOf[row]; node >= 0; node = parent[node]) {
          c[node]--;
        }
      }
    }
  }

  /** The number of leaves. */
  int leaves() {
    int l = 0;
    for (int node = 0; node < nodeCount; node++) {
      if (isLeaf(node)) {
        l++;
      }
    }
    return l;
  }
}
