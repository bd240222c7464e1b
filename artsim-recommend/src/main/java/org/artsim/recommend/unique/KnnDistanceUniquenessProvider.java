package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.analysis.UniquenessScorer;
import org.artsim.spi.UniquenessProvider;

/**
 * Provides the {@code "knn-distance"} uniqueness rule: artsim's, FiftyOne's weights on the index
 * metric's distance to the 1st–3rd nearest other items found by the index's own search (one
 * 4-nearest search per item; COSINE or L2 indexes). Neither FiftyOne version's rule on a cosine
 * index. See {@link NeighbourUniqueness}.
 */
public final class KnnDistanceUniquenessProvider implements UniquenessProvider<KnnDistanceUniquenessConfig> {
  /** Used by {@link java.util.ServiceLoader}. */
  public KnnDistanceUniquenessProvider() {}

  @Override
  public String name() {
    return KnnDistanceUniquenessConfig.PROVIDER;
  }

  @Override
  public String description() {
    return "index-based uniqueness: the index metric's distance to the 1st-3rd nearest others weighted 0.6/0.3/0.1; one search per item, so it scales with an approximate index";
  }

  @Override
  public Class<KnnDistanceUniquenessConfig> configType() {
    return KnnDistanceUniquenessConfig.class;
  }

  @Override
  public KnnDistanceUniquenessConfig defaults() {
    return KnnDistanceUniquenessConfig.defaults();
  }

  @Override
  public KnnDistanceUniquenessConfig parse(Map<String, String> settings) {
    return KnnDistanceUniquenessConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-recommend";
  }

  @Override
  public UniquenessScorer create(KnnDistanceUniquenessConfig config) {
    return UniquenessProviders.knnDistance();
  }
}
