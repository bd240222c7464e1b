/**
 * artsim-recommend: like-driven recommendations, k-medoids clustering, uniqueness, near-duplicates
 * and labels from embeddings, over any {@code org.artsim.VectorIndex}.
 *
 * <p>Users need {@code org.artsim.recommend.likes} ({@code LikesConfig}), {@code
 * org.artsim.recommend.cluster} ({@code KMedoids}, {@code Silhouette}), {@code
 * org.artsim.recommend.unique} ({@code NeighbourUniqueness}, {@code NearDuplicates}) and {@code
 * org.artsim.recommend.label} ({@code KnnLabelVote}, {@code ZeroShotLabels}); everything else is
 * package-private. The providers are found through {@link java.util.ServiceLoader} by {@code
 * org.artsim.Artsim}: recommender {@code likes}, clusterer {@code fasterpam}, uniqueness {@code
 * fiftyone}, {@code fiftyone-0.17} and {@code knn-distance}, duplicate finder {@code greedy}.
 */
module org.artsim.recommend {
  requires transitive org.artsim.api;

  exports org.artsim.recommend.cluster;
  exports org.artsim.recommend.label;
  exports org.artsim.recommend.likes;
  exports org.artsim.recommend.unique;

  provides org.artsim.spi.RecommenderProvider with
      org.artsim.recommend.likes.LikesRecommenderProvider;
  provides org.artsim.spi.ClustererProvider with
      org.artsim.recommend.cluster.FasterPamClustererProvider;
  provides org.artsim.spi.UniquenessProvider with
      org.artsim.recommend.unique.FiftyOneUniquenessProvider,
      org.artsim.recommend.unique.FiftyOne017UniquenessProvider,
      org.artsim.recommend.unique.KnnDistanceUniquenessProvider;
  provides org.artsim.spi.DuplicateFinderProvider with
      org.artsim.recommend.unique.GreedyDuplicateFinderProvider;
}
