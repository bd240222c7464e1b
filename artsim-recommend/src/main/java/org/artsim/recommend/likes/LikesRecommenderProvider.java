package org.artsim.recommend.likes;

import java.util.Map;
import org.artsim.InvalidArgumentException;
import org.artsim.Recommender;
import org.artsim.VectorIndex;
import org.artsim.spi.RecommenderProvider;

/**
 * Provides the {@code "likes"} recommender: "more like what I liked, nothing I have seen".
 *
 * <pre>{@code
 * var rec = Artsim.recommender("likes", index);
 * var session = rec.newSession();
 * session.like("met-1234"); session.like("met-5678");
 * session.recommend(10);                 // 10 unseen items near the likes, best first
 * session.recommend(10);                 // the next 10: never a repeat
 * }</pre>
 *
 * <h2>What a session recommends</h2>
 *
 * <ul>
 *   <li><b>One taste</b> (the default): the query is the mean of the liked items' stored vectors
 *       ({@link VectorIndex#vector}), L2-normalised under cosine and dot (only the direction
 *       matters there) and left as the centroid under L2 (a unit vector would sit near the
 *       origin, far from raw L2 data). The index is searched for the nearest items, asking for more
 *       until {@code k} items that are neither liked nor already shown are found or the index (or
 *       the filter's matches) is exhausted: first {@code k + min(excluded, k + 16)}, then {@code k
 *       + excluded}, which always suffices for an exact index. Scores are the index's.
 *   <li><b>Several tastes</b> ({@link LikesConfig#multiInterest()}): with at least 3 likes, the
 *       liked vectors are clustered with k-medoids (FasterPAM after BUILD, cosine or L2 distance) for
 *       every k in {@code [2, min(maxInterests, likes − 1)]}; the clustering with the best mean
 *       silhouette is used if it reaches {@link LikesConfig#minSilhouette()}, else the likes are
 *       one taste. Each taste's mean is searched on its own, and the batch takes one item from each
 *       taste in turn (largest taste first), skipping items already taken, so circus scenes and
 *       ink paintings both appear.
 *   <li><b>Popularity</b> ({@link LikesConfig#popularityRerank()}): {@code k ×
 *       candidatePool} unseen candidates (per taste) are re-ranked by {@code (1 − w) · sim + w ·
 *       pop}, where {@code sim} is the index score min-max scaled over the candidates (1 when all
 *       are equal) and {@code pop} is the number in the popularity label divided by the largest among
 *       the candidates (missing, negative or non-numeric values count as 0). The hit score is then
 *       this blended score in [0, 1]; ties keep the similarity order.
 *   <li><b>Label condition</b>: {@code recommend(k, filter)} applies a {@link org.artsim.LabelFilter}
 *       during the search.
 * </ul>
 *
 * Every returned item is recorded as shown and the batch appended to the history.
 *
 * <h2>Empty and short batches</h2>
 *
 * No typed error: {@code recommend} returns an empty or short {@link org.artsim.Recommendations}
 * whose {@code reason()} says why: "no likes yet: like an item first"; "none of the liked items is
 * in the index any more: like an item first"; "every item has been shown or liked: clear the session
 * to start over" (with a filter: "every item that passes the filter has been shown or liked: widen
 * the filter or clear the session"); or "only N unseen items left" for a short batch. A full batch
 * has an empty reason.
 *
 * <h2>File format {@code artsim.session.likes}, version 1</h2>
 *
 * Inside the {@link org.artsim.io.ArtsimFiles} container:
 *
 * <pre>
 * payload := indexKind:string likes:ids shown:ids batchCount:int32 batch:ids{batchCount}
 * ids     := count:int32 id:string{count}                (likes in like order, shown in show order)
 * </pre>
 *
 * Restoring drops liked ids that are no longer in the index; shown ids and history are kept as
 * saved. The file holds ids only, never vectors.
 */
public final class LikesRecommenderProvider implements RecommenderProvider<LikesConfig> {
  /** The provider name. */
  public static final String NAME = "likes";

  /** Used by {@link java.util.ServiceLoader}. */
  public LikesRecommenderProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "more of what a visitor liked, never repeating what they saw; optional label condition, popularity re-rank and multi-interest mode";
  }

  @Override
  public Class<LikesConfig> configType() {
    return LikesConfig.class;
  }

  @Override
  public LikesConfig defaults() {
    return LikesConfig.defaults();
  }

  @Override
  public LikesConfig parse(Map<String, String> settings) {
    return LikesConfig.parse(settings);
  }

  @Override
  public Recommender create(VectorIndex index, LikesConfig config) {
    if (index == null) {
      throw new InvalidArgumentException("index is null; give the VectorIndex whose items are recommended");
    }
    return new LikesRecommender(index, config == null ? LikesConfig.defaults() : config);
  }
}
