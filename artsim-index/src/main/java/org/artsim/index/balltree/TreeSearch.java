package org.artsim.index.balltree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.index.support.ItemStore;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * The searches of a {@link BallTreeIndex} over one consistent view of its tree and rows: exact
 * top-k with label filters (subtrees whose label counts exclude the filter are pruned, bounds are
 * widened by the float-rounding tolerance so no qualifying row is skipped) and the top-k per label
 * value in one traversal. Rows past the tree (not yet rebuilt) are scanned exactly. Made and used
 * under the store's read lock; one view serves the queries of a chunk of a batch, on one thread (its scratch arrays are reused; not thread-safe).
 */
final class TreeSearch {
  private final int dim;
  private final Score score;
  private final VectorKernels kernels;
  private final ItemStore store;
  private final double tolerance;
  private final float[] data;
  private final BallTree tree;
  private final int treeSize;
  private final int size;
  private final int leafSize;

  TreeSearch(int dim, Score score, VectorKernels kernels, ItemStore store, double tolerance, float[] data, BallTree tree, int treeSize, int size, int leafSize) {
    this.dim = dim;
    this.score = score;
    this.kernels = kernels;
    this.store = store;
    this.tolerance = tolerance;
    this.data = data;
    this.tree = tree;
    this.treeSize = treeSize;
    this.size = size;
    this.leafSize = leafSize;
  }

  /** Per-query working arrays, reused across the queries of a batch. */
  private final class Scratch {
    final float[] scores = new float[Math.max(leafSize, 64)];
    int[] stackNode = new int[64];
    double[] stackBound = new double[64];
  }

  private final Scratch scratch = new Scratch();

  List<Hit> search(float[] q, int requestedK, LabelFilter filter) {
    int live = store.liveLocked();
    if (live == 0) {
      return List.of();
    }
    var top = store.topK(Math.min(requestedK, live));
    BitSet allowed = store.matching(filter);
    if (allowed != null && allowed.isEmpty()) {
      return List.of();
    }
    if (tree != null) {
      int[][][] nodeFilter = nodeFilter(filter);
      if (nodeFilter != null) {
        searchTree(q, top, allowed, nodeFilter, scratch);
      }
    }
    scanRange(q, treeSize, size, top, allowed, scratch.scores);
    return store.hits(top);
  }

  /**
   * The per-node label counts a filter needs, one {@code int[][]} (the allowed values' counts) per
   * constrained field; {@code int[0][][]} when unfiltered; null when the tree cannot match.
   */
  private int[][][] nodeFilter(LabelFilter filter) {
    if (filter.isNone()) {
      return new int[0][][];
    }
    int[][][] out = new int[filter.allowed().size()][][];
    int f = 0;
    for (var e : filter.allowed().entrySet()) {
      var list = new ArrayList<int[]>();
      for (String v : e.getValue()) {
        int[] c = tree.countsOf(e.getKey(), v);
        if (c != null) {
          list.add(c);
        }
      }
      if (list.isEmpty()) {
        return null;
      }
      out[f++] = list.toArray(new int[0][]);
    }
    return out;
  }

  private boolean nodeMayMatch(int node, int[][][] nodeFilter) {
    if (tree.live[node] == 0) {
      return false;
    }
    for (int[][] field : nodeFilter) {
      boolean any = false;
      for (int[] c : field) {
        if (c[node] > 0) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** An upper bound on the score any row below {@code node} can get for query {@code q}. */
  private double bound(float[] q, double qNorm, int node) {
    double r = tree.radius[node];
    if (score == Score.DOT) {
      double qmu = kernels.dot(q, 0, tree.mu, node * dim, dim);
      return qmu + r * qNorm + tolerance * qNorm * (tree.muNorm[node] + r);
    }
    double d = Math.sqrt(kernels.squaredDistance(q, 0, tree.mu, node * dim, dim)) * (1 - tolerance) - r * (1 + tolerance);
    return d <= 0 ? 0.0 : -(d * d) * (1 - tolerance);
  }

  private void searchTree(float[] q, TopK top, BitSet allowed, int[][][] nodeFilter, Scratch s) {
    double qNorm = Math.sqrt(kernels.dot(q, 0, q, 0, dim)) * (1 + tolerance);
    int sp = 0;
    if (!nodeMayMatch(0, nodeFilter)) {
      return;
    }
    s.stackNode[sp] = 0;
    s.stackBound[sp++] = bound(q, qNorm, 0);
    while (sp > 0) {
      int node = s.stackNode[--sp];
      if (s.stackBound[sp] < top.threshold()) {
        continue;
      }
      if (tree.isLeaf(node)) {
        scanRange(q, tree.start[node], tree.end[node], top, allowed, s.scores);
        continue;
      }
      int l = tree.left[node];
      int r = tree.right[node];
      boolean okL = nodeMayMatch(l, nodeFilter);
      boolean okR = nodeMayMatch(r, nodeFilter);
      double bl = okL ? bound(q, qNorm, l) : Double.NEGATIVE_INFINITY;
      double br = okR ? bound(q, qNorm, r) : Double.NEGATIVE_INFINITY;
      if (sp + 2 > s.stackNode.length) {
        s.stackNode = Arrays.copyOf(s.stackNode, s.stackNode.length * 2);
        s.stackBound = Arrays.copyOf(s.stackBound, s.stackBound.length * 2);
      }
      // push the weaker child first so the stronger one is searched first
      int first = bl >= br ? l : r;
      int second = first == l ? r : l;
      double bFirst = first == l ? bl : br;
      double bSecond = first == l ? br : bl;
      float t = top.threshold();
      if (bSecond >= t) {
        s.stackNode[sp] = second;
        s.stackBound[sp++] = bSecond;
      }
      if (bFirst >= t) {
        s.stackNode[sp] = first;
        s.stackBound[sp++] = bFirst;
      }
    }
  }

  /** Scores positions {@code [from, to)} exactly and offers the live, qualifying ones. */
  private void scanRange(float[] q, int from, int to, TopK top, BitSet allowed, float[] scores) {
    if (allowed != null && to - from <= scores.length) {
      int qualifying = 0;
      for (int p = allowed.nextSetBit(from); p >= 0 && p < to; p = allowed.nextSetBit(p + 1)) {
        qualifying++;
      }
      if (qualifying == 0) {
        return;
      }
      if (4 * qualifying >= to - from) {
        // dense: one block call for the leaf, then keep the qualifying rows
        kernels.scoreRows(score, q, 0, data, dim, from, to, scores, 0);
        for (int p = allowed.nextSetBit(from); p >= 0 && p < to; p = allowed.nextSetBit(p + 1)) {
          top.offer(scores[p - from], p);
        }
        return;
      }
    }
    if (allowed != null) {
      for (int p = allowed.nextSetBit(from); p >= 0 && p < to; p = allowed.nextSetBit(p + 1)) {
        float sc = score == Score.DOT ? kernels.dot(q, 0, data, p * dim, dim) : -kernels.squaredDistance(q, 0, data, p * dim, dim);
        top.offer(sc, p);
      }
      return;
    }
    for (int chunk = from; chunk < to; chunk += scores.length) {
      int end = Math.min(to, chunk + scores.length);
      kernels.scoreRows(score, q, 0, data, dim, chunk, end, scores, 0);
      float threshold = top.threshold();
      for (int p = chunk; p < end; p++) {
        float sc = scores[p - chunk];
        if (sc >= threshold && !store.isDead(p)) {
          top.offer(sc, p);
          threshold = top.threshold();
        }
      }
    }
  }

  Map<String, List<Hit>> perLabel(float[] q, int requestedK, String field, Map<String, Integer> index) {
      store.requireKnownFields(List.of(field));
      int k = Math.max(1, Math.min(requestedK, store.liveLocked()));
      int m = index.size();
      TopK[] tops = new TopK[m];
      int[][] counts = new int[m][];
      for (var e : index.entrySet()) {
        tops[e.getValue()] = store.topK(k);
        counts[e.getValue()] = tree == null ? null : tree.countsOf(field, e.getKey());
      }
      if (tree != null) {
        perLabelTree(q, field, index, tops, counts, scratch);
      }
      perLabelScan(q, treeSize, size, field, index, tops, scratch.scores);
      var out = new LinkedHashMap<String, List<Hit>>();
      for (var e : index.entrySet()) {
        out.put(e.getKey(), store.hits(tops[e.getValue()]));
      }
      return out;
  }

  private boolean perLabelWanted(int node, double bound, TopK[] tops, int[][] counts) {
    for (int i = 0; i < tops.length; i++) {
      if (counts[i] != null && counts[i][node] > 0 && bound >= tops[i].threshold()) {
        return true;
      }
    }
    return false;
  }

  private void perLabelTree(float[] q, String field, Map<String, Integer> index, TopK[] tops, int[][] counts, Scratch s) {
    double qNorm = Math.sqrt(kernels.dot(q, 0, q, 0, dim)) * (1 + tolerance);
    int sp = 0;
    s.stackNode[sp] = 0;
    s.stackBound[sp++] = bound(q, qNorm, 0);
    while (sp > 0) {
      int node = s.stackNode[--sp];
      double b = s.stackBound[sp];
      if (!perLabelWanted(node, b, tops, counts)) {
        continue;
      }
      if (tree.isLeaf(node)) {
        perLabelScan(q, tree.start[node], tree.end[node], field, index, tops, s.scores);
        continue;
      }
      int l = tree.left[node];
      int r = tree.right[node];
      double bl = bound(q, qNorm, l);
      double br = bound(q, qNorm, r);
      if (sp + 2 > s.stackNode.length) {
        s.stackNode = Arrays.copyOf(s.stackNode, s.stackNode.length * 2);
        s.stackBound = Arrays.copyOf(s.stackBound, s.stackBound.length * 2);
      }
      boolean leftFirst = bl >= br;
      s.stackNode[sp] = leftFirst ? r : l;
      s.stackBound[sp++] = leftFirst ? br : bl;
      s.stackNode[sp] = leftFirst ? l : r;
      s.stackBound[sp++] = leftFirst ? bl : br;
    }
  }

  private void perLabelScan(float[] q, int from, int to, String field, Map<String, Integer> index, TopK[] tops, float[] scores) {
    for (int chunk = from; chunk < to; chunk += scores.length) {
      int end = Math.min(to, chunk + scores.length);
      kernels.scoreRows(score, q, 0, data, dim, chunk, end, scores, 0);
      for (int p = chunk; p < end; p++) {
        if (store.isDead(p)) {
          continue;
        }
        String v = store.labels(p).get(field);
        Integer i = v == null ? null : index.get(v);
        if (i != null) {
          tops[i].offer(scores[p - chunk], p);
        }
      }
    }
  }
}
