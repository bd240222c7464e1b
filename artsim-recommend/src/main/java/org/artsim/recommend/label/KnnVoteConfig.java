package org.artsim.recommend.label;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;

/**
 * Settings of {@link KnnLabelVote}.
 *
 * @param k the number of labelled neighbours that vote, in [1, 10000]; setting {@code k}
 * @param distanceWeighted whether a neighbour's vote is {@code 1/distance} (neighbours at distance
 *     0, if any, then decide alone) instead of 1, as scikit-learn's {@code weights="distance"};
 *     setting {@code distance_weighted}
 */
public record KnnVoteConfig(int k, boolean distanceWeighted) {
  private static final KnnVoteConfig DEFAULTS = new KnnVoteConfig(10, false);

  /** Validates the settings. */
  public KnnVoteConfig {
    if (k < 1 || k > 10_000) {
      throw new ConfigException("knn-vote: k must be in [1, 10000], got " + k);
    }
  }

  /** The defaults: 10 neighbours, one vote each (scikit-learn's KNeighborsClassifier defaults). */
  public static KnnVoteConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another k. */
  public KnnVoteConfig withK(int k) {
    return new KnnVoteConfig(k, distanceWeighted);
  }

  /** A copy with distance weighting on or off. */
  public KnnVoteConfig withDistanceWeighted(boolean distanceWeighted) {
    return new KnnVoteConfig(k, distanceWeighted);
  }

  /** Reads {@code k} and {@code distance_weighted}; unknown keys are refused. */
  public static KnnVoteConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("knn-vote", settings);
    var config = new KnnVoteConfig(c.getInt("k", DEFAULTS.k), c.getBoolean("distance_weighted", DEFAULTS.distanceWeighted));
    c.finish();
    return config;
  }
}
