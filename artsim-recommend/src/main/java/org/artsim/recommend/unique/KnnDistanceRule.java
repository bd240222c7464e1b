package org.artsim.recommend.unique;

import java.util.List;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.VectorIndex;

/**
 * artsim's index-based uniqueness ({@code "knn-distance"}): FiftyOne's weights on the index's own
 * neighbour search. For each item the index is searched for its {@code K + 1 = 4} nearest items;
 * the item itself is skipped by id (so an exact duplicate contributes distance 0), and the first
 * three others {@code d1 ≤ d2 ≤ d3}, in the index metric's distance ({@link Metric#distance}: {@code
 * 1 − cos} under cosine, Euclidean under L2), give {@code raw = (0.6·d1 + 0.3·d2 + 0.1·d3) / 3};
 * {@code uniqueness = raw / max raw} over the scored items. Neighbours are any items of the index.
 *
 * <p>This is neither FiftyOne version's rule on a cosine index (FiftyOne ≤ 0.17 used Euclidean
 * distance on raw vectors, ≥ 0.18 uses mean-centred cosine and the 2nd–4th neighbours); on an L2
 * index of raw vectors it equals FiftyOne ≤ 0.17's rule up to float rounding. Its cost is one
 * {@code k = 4} search per item, so an approximate index makes it sub-quadratic. {@link Metric#DOT}
 * is refused. Items added to the index meanwhile may be missed. Stateless.
 */
final class KnnDistanceRule {
  private static final int BATCH = 256;

  private KnnDistanceRule() {}

  static double[] scores(VectorIndex index, ItemVectors items, ProgressListener listener) {
    Metric metric = index.metric();
    if (metric == Metric.DOT) {
      throw new InvalidArgumentException(
          "uniqueness 'knn-distance' needs distances, but this index scores by inner product (metric DOT); use a COSINE or L2 index, or the 'fiftyone' rule");
    }
    int n = items.ids().size();
    double[] raw = new double[n];
    if (n <= NeighbourWeights.K) {
      java.util.Arrays.fill(raw, 1);
      return raw;
    }
    var tracker = new ProgressTracker("uniqueness", n, listener);
    double[] d = new double[NeighbourWeights.K];
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      float[][] queries = java.util.Arrays.copyOfRange(items.vectors(), from, to);
      List<List<Hit>> results = index.searchBatch(queries, NeighbourWeights.K + 1, LabelFilter.none());
      for (int q = 0; q < results.size(); q++) {
        String self = items.ids().get(from + q);
        int found = 0;
        for (Hit h : results.get(q)) {
          if (!h.id().equals(self) && found < NeighbourWeights.K) {
            d[found++] = metric.distance(h.score());
          }
        }
        raw[from + q] = NeighbourWeights.weighted(d, 0, found);
      }
      tracker.advance(to - from);
    }
    return NeighbourWeights.normalise(raw);
  }
}
