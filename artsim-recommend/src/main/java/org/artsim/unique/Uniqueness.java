package org.artsim.unique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.VectorIndex;

/**
 * How unique each item of a collection is, from its nearest-neighbour distances: FiftyOne Brain's
 * {@code compute_uniqueness} rule, on any {@link VectorIndex}.
 *
 * <h2>Formula</h2>
 *
 * For item {@code i} with distances {@code d1 <= d2 <= d3} to its {@value #K} nearest
 * <em>other</em> items (the item itself is excluded by id, so an exact duplicate contributes
 * distance 0):
 *
 * <pre>
 * raw(i)        = (0.6·d1 + 0.3·d2 + 0.1·d3) / 3          (the mean of the weighted distances)
 * uniqueness(i) = raw(i) / max over all items of raw      (not min-max scaling)
 * </pre>
 *
 * So scores lie in [0, 1], the most unique item scores exactly 1, and an item with an exact
 * duplicate and two more near copies scores near 0. Distances are the index metric's ({@link
 * Metric#distance}): the cosine distance {@code 1 − cos} for {@link Metric#COSINE}, the Euclidean
 * distance for {@link Metric#L2}; {@link Metric#DOT} is refused, since inner products are not
 * distances. With {@value #K} or fewer items every item scores 1 (as FiftyOne); when every raw
 * score is 0 (all vectors identical) every item scores 0.
 *
 * <h2>FiftyOne versions</h2>
 *
 * FiftyOne up to 0.17 used Euclidean distances on the raw embeddings with the 1st to 3rd
 * neighbours: {@link #fiftyoneCompat(float[][])} reproduces that rule exactly, and {@link
 * #of(VectorIndex)} on an {@link Metric#L2} index of raw vectors gives the same scores (to float
 * rounding). Since 0.18 the sklearn backend uses cosine distances on mean-centred embeddings and,
 * because it both excludes self and drops the first column, the 2nd to 4th neighbours; artsim does
 * not copy that quirk.
 *
 * <p>Cost: one k-nearest-neighbour search per item ({@code n} searches of {@code k = 4}, batched);
 * with the flat index that is {@code O(n²·dim)}. Stateless and thread-safe; the index may be used
 * by other threads meanwhile, but items added during the computation may be missed.
 *
 * <p>Reference: voxel51/fiftyone-brain {@code fiftyone/brain/internal/core/uniqueness.py}, read
 * and described in artsim's notes; no code copied.
 */
public final class Uniqueness {
  /** The number of neighbours: 3. */
  public static final int K = 3;

  /** The neighbour weights, nearest first. */
  private static final double[] WEIGHTS = {0.6, 0.3, 0.1};

  /** Queries per batch search. */
  private static final int BATCH = 256;

  private Uniqueness() {}

  /** The weights {0.6, 0.3, 0.1} (a copy). */
  public static double[] weights() {
    return WEIGHTS.clone();
  }

  /** Uniqueness of every item of {@code index}. */
  public static UniquenessScores of(VectorIndex index) {
    return of(index, ProgressListener.NONE);
  }

  /** Uniqueness of every item of {@code index}, reporting progress per batch of items. */
  public static UniquenessScores of(VectorIndex index, ProgressListener listener) {
    Metric metric = index.metric();
    if (metric == Metric.DOT) {
      throw new InvalidArgumentException("uniqueness needs distances, but this index scores by inner product (metric DOT); use a COSINE or L2 index");
    }
    var ids = new ArrayList<String>();
    var vectors = new ArrayList<float[]>();
    var labels = new ArrayList<Labels>();
    for (String id : index.ids()) {
      var v = index.vector(id);
      if (v.isPresent()) {
        ids.add(id);
        vectors.add(v.get());
        labels.add(index.labels(id));
      }
    }
    int n = ids.size();
    double[] raw = new double[n];
    if (n <= K) {
      Arrays.fill(raw, 1);
      return new UniquenessScores(ids, raw, labels);
    }
    var tracker = new ProgressTracker("uniqueness", n, listener);
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      float[][] queries = vectors.subList(from, to).toArray(new float[0][]);
      List<List<Hit>> results = index.searchBatch(queries, K + 1, LabelFilter.none());
      for (int q = 0; q < results.size(); q++) {
        String self = ids.get(from + q);
        double[] d = new double[K];
        int found = 0;
        for (Hit h : results.get(q)) {
          if (!h.id().equals(self) && found < K) {
            d[found++] = metric.distance(h.score());
          }
        }
        raw[from + q] = weighted(d, found);
      }
      tracker.advance(to - from);
    }
    return new UniquenessScores(ids, normalise(raw), labels);
  }

  /**
   * FiftyOne's rule up to version 0.17, exactly: Euclidean distances on the raw vectors, the 1st
   * to 3rd neighbours other than the item itself, weighted, averaged and divided by the maximum,
   * computed in double precision. {@code O(n²·dim)} by direct comparison; for large collections use {@link #of(VectorIndex)} on
   * an L2 index. Scores are parallel to {@code vectors}.
   */
  public static double[] fiftyoneCompat(float[][] vectors) {
    int n = vectors.length;
    if (n == 0) {
      return new double[0];
    }
    int dim = vectors[0].length;
    for (int i = 0; i < n; i++) {
      if (vectors[i] == null || vectors[i].length != dim) {
        throw new InvalidArgumentException("vector " + i + " has a different length than vector 0 (" + dim + "); give equal lengths");
      }
    }
    double[] raw = new double[n];
    if (n <= K) {
      Arrays.fill(raw, 1);
      return raw;
    }
    double[] best = new double[K];
    for (int i = 0; i < n; i++) {
      Arrays.fill(best, Double.POSITIVE_INFINITY);
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double dist = euclidean(vectors[i], vectors[j]);
        if (dist < best[K - 1]) {
          int p = K - 1;
          while (p > 0 && best[p - 1] > dist) {
            best[p] = best[p - 1];
            p--;
          }
          best[p] = dist;
        }
      }
      raw[i] = weighted(best, K);
    }
    return normalise(raw);
  }

  /** Euclidean distance in double precision (as numpy computes it on float64 data). */
  private static double euclidean(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  private static double weighted(double[] d, int found) {
    double s = 0;
    for (int j = 0; j < found; j++) {
      s += WEIGHTS[j] * d[j];
    }
    return s / K;
  }

  private static double[] normalise(double[] raw) {
    double max = 0;
    for (double r : raw) {
      max = Math.max(max, r);
    }
    double[] out = new double[raw.length];
    if (max > 0) {
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i] / max;
      }
    }
    return out;
  }
}
