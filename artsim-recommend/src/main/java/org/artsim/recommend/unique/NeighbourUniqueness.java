package org.artsim.recommend.unique;

import org.artsim.InvalidArgumentException;
import org.artsim.ProgressListener;
import org.artsim.VectorIndex;

/**
 * How unique each item of a collection is, from the distances to its nearest neighbours, with
 * FiftyOne Brain's weights ({@code 0.6, 0.3, 0.1} on three neighbour distances, averaged, divided
 * by the largest so that the most unique item scores exactly 1). Three rules, also available by
 * name through {@code Artsim.uniqueness(name)}:
 *
 * <table>
 *   <caption>Uniqueness rules</caption>
 *   <tr><th>method</th><th>provider</th><th>rule</th></tr>
 *   <tr><td>{@link #fiftyone}</td><td>{@code fiftyone}</td><td>FiftyOne ≥ 0.18: cosine distance on
 *       mean-centred vectors, the 2nd–4th nearest other items</td></tr>
 *   <tr><td>{@link #fiftyone017}</td><td>{@code fiftyone-0.17}</td><td>FiftyOne ≤ 0.17: Euclidean
 *       distance on the raw vectors, the 1st–3rd nearest other items</td></tr>
 *   <tr><td>{@link #knnDistance}</td><td>{@code knn-distance}</td><td>artsim's: the index metric's
 *       distance to the 1st–3rd nearest other items found by the index's own search</td></tr>
 * </table>
 *
 * The FiftyOne rules compare the scored items with each other directly in double precision
 * ({@code O(n²·dim)}); {@code knn-distance} costs one 4-nearest search per item, so it scales with
 * an approximate index, but on a cosine index matches neither FiftyOne version (on an L2 index of
 * raw vectors it equals the 0.17 rule up to float rounding). The rules are described in full on
 * the package-private classes {@code FiftyOneRule}, {@code FiftyOne017Rule} and {@code
 * KnnDistanceRule} and in the module README. Stateless and thread-safe.
 *
 * <p>Reference: voxel51/fiftyone-brain {@code fiftyone/brain/internal/core/uniqueness.py} and
 * {@code sklearn.py}, read and described; no code copied.
 */
public final class NeighbourUniqueness {
  /** The number of weighted neighbour distances: 3. */
  public static final int K = NeighbourWeights.K;

  /** FiftyOne's item count above which its ≥ 0.18 rule measures chord instead of cosine distance. */
  public static final int FIFTYONE_EXACT_LIMIT = FiftyOneRule.FIFTYONE_EXACT_LIMIT;

  private NeighbourUniqueness() {}

  /** The weights {0.6, 0.3, 0.1}, nearest first (a copy). */
  public static double[] weights() {
    return NeighbourWeights.weights();
  }

  /**
   * The {@code knn-distance} rule over every item of {@code index}.
   *
   * @throws InvalidArgumentException for a null index or a DOT index
   */
  public static UniquenessScores knnDistance(VectorIndex index) {
    return knnDistance(index, ProgressListener.NONE);
  }

  /** {@link #knnDistance(VectorIndex)}, reporting progress per batch of items. */
  public static UniquenessScores knnDistance(VectorIndex index, ProgressListener listener) {
    if (listener == null) {
      throw new InvalidArgumentException("listener is null; use ProgressListener.NONE for no progress reports");
    }
    var items = ItemVectors.all(index);
    return scores(items, KnnDistanceRule.scores(index, items, listener));
  }

  /** FiftyOne ≥ 0.18's rule over every item of {@code index} (any metric: the rule uses cosine). */
  public static UniquenessScores fiftyone(VectorIndex index) {
    var items = ItemVectors.all(index);
    return scores(items, FiftyOneRule.scores(items.vectors(), FIFTYONE_EXACT_LIMIT));
  }

  /** FiftyOne ≥ 0.18's rule on {@code vectors}; scores parallel to them. */
  public static double[] fiftyone(float[][] vectors) {
    return FiftyOneRule.scores(vectors, FIFTYONE_EXACT_LIMIT);
  }

  /**
   * FiftyOne ≥ 0.18's rule with another limit for the switch to chord distances ({@code
   * Integer.MAX_VALUE}: cosine distance at every size).
   *
   * @throws InvalidArgumentException if {@code exactLimit} is negative
   */
  public static double[] fiftyone(float[][] vectors, int exactLimit) {
    if (exactLimit < 0) {
      throw new InvalidArgumentException("exactLimit must be >= 0, got " + exactLimit);
    }
    return FiftyOneRule.scores(vectors, exactLimit);
  }

  /** FiftyOne ≤ 0.17's rule over every item of {@code index} (any metric: the rule uses Euclidean distance on the stored vectors). */
  public static UniquenessScores fiftyone017(VectorIndex index) {
    var items = ItemVectors.all(index);
    return scores(items, FiftyOne017Rule.scores(items.vectors()));
  }

  /**
   * FiftyOne ≤ 0.17's rule on {@code vectors}, exactly (double precision); scores parallel to them.
   *
   * @throws InvalidArgumentException for null, ragged or non-finite vectors
   */
  public static double[] fiftyone017(float[][] vectors) {
    return FiftyOne017Rule.scores(vectors);
  }

  private static UniquenessScores scores(ItemVectors items, double[] scores) {
    return new UniquenessScores(items.ids(), scores, items.labels());
  }
}
