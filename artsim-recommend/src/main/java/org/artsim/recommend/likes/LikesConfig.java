package org.artsim.recommend.likes;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the {@code "likes"} recommender ({@link LikesRecommenderProvider}), its typed configuration:
 * {@code Artsim.recommender(LikesConfig.defaults().withMultiInterest(true), index)}.
 *
 * @param multiInterest cluster the likes with k-medoids and serve each taste in turn (round robin),
 *     instead of searching near the mean of all likes; setting {@code multi_interest}
 * @param maxInterests the most tastes multi-interest mode separates, in [2, 16]; setting {@code
 *     max_interests}
 * @param minSilhouette multi-interest mode splits the likes only when the best clustering's mean
 *     silhouette reaches this value, in [-1, 1]; otherwise the likes count as one taste; setting
 *     {@code min_silhouette}
 * @param popularityField a label field holding a number (visits, likes, a curator's rating) to
 *     re-rank by, or empty for no re-ranking; setting {@code popularity_field}
 * @param popularityWeight the popularity share {@code w} of the re-ranking score {@code (1 − w) ·
 *     similarity + w · popularity} (both scaled to [0, 1] over the candidates), in [0, 1]; setting
 *     {@code popularity_weight}
 * @param candidatePool with popularity re-ranking, {@code k × candidatePool} unseen candidates are
 *     re-ranked for a batch of {@code k}, in [1, 100]; setting {@code candidate_pool}
 * @param seed the seed of the k-medoids initialisation in multi-interest mode; setting {@code seed}
 */
public record LikesConfig(
    boolean multiInterest,
    int maxInterests,
    double minSilhouette,
    String popularityField,
    double popularityWeight,
    int candidatePool,
    long seed)
    implements ProviderConfig {
  private static final LikesConfig DEFAULTS = new LikesConfig(false, 4, 0.25, "", 0.2, 3, 42L);

  /** Validates the settings. */
  public LikesConfig {
    if (maxInterests < 2 || maxInterests > 16) {
      throw new ConfigException("likes: max_interests must be in [2, 16], got " + maxInterests);
    }
    if (!(minSilhouette >= -1 && minSilhouette <= 1)) {
      throw new ConfigException("likes: min_silhouette must be in [-1, 1], got " + minSilhouette);
    }
    popularityField = popularityField == null ? "" : popularityField.trim();
    if (!(popularityWeight >= 0 && popularityWeight <= 1)) {
      throw new ConfigException("likes: popularity_weight must be in [0, 1], got " + popularityWeight);
    }
    if (candidatePool < 1 || candidatePool > 100) {
      throw new ConfigException("likes: candidate_pool must be in [1, 100], got " + candidatePool);
    }
  }

  /**
   * The defaults: one taste (the mean of the likes), no popularity re-ranking; multi-interest mode,
   * when switched on, separates up to 4 tastes at silhouette 0.25 or more; popularity weight 0.2
   * over 3k candidates; seed 42.
   */
  public static LikesConfig defaults() {
    return DEFAULTS;
  }

  @Override
  public String provider() {
    return LikesRecommenderProvider.NAME;
  }

  /** Whether popularity re-ranking is on (a field is named and its weight is positive). */
  public boolean popularityRerank() {
    return !popularityField.isEmpty() && popularityWeight > 0;
  }

  /** A copy with multi-interest mode on or off. */
  public LikesConfig withMultiInterest(boolean multiInterest) {
    return new LikesConfig(multiInterest, maxInterests, minSilhouette, popularityField, popularityWeight, candidatePool, seed);
  }

  /** A copy with another most number of tastes. */
  public LikesConfig withMaxInterests(int maxInterests) {
    return new LikesConfig(multiInterest, maxInterests, minSilhouette, popularityField, popularityWeight, candidatePool, seed);
  }

  /** A copy with another silhouette needed to split the likes. */
  public LikesConfig withMinSilhouette(double minSilhouette) {
    return new LikesConfig(multiInterest, maxInterests, minSilhouette, popularityField, popularityWeight, candidatePool, seed);
  }

  /** A copy that re-ranks by the number in label {@code field} with weight {@code weight}. */
  public LikesConfig withPopularity(String field, double weight) {
    return new LikesConfig(multiInterest, maxInterests, minSilhouette, field, weight, candidatePool, seed);
  }

  /** A copy with another candidate pool factor. */
  public LikesConfig withCandidatePool(int candidatePool) {
    return new LikesConfig(multiInterest, maxInterests, minSilhouette, popularityField, popularityWeight, candidatePool, seed);
  }

  /** A copy with another seed. */
  public LikesConfig withSeed(long seed) {
    return new LikesConfig(multiInterest, maxInterests, minSilhouette, popularityField, popularityWeight, candidatePool, seed);
  }

  /** Reads the settings named above; unknown keys are refused. */
  public static LikesConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("likes", settings);
    var config =
        new LikesConfig(
            c.getBoolean("multi_interest", DEFAULTS.multiInterest),
            c.getInt("max_interests", DEFAULTS.maxInterests),
            c.getDouble("min_silhouette", DEFAULTS.minSilhouette),
            c.getString("popularity_field", DEFAULTS.popularityField),
            c.getDouble("popularity_weight", DEFAULTS.popularityWeight),
            c.getInt("candidate_pool", DEFAULTS.candidatePool),
            c.getLong("seed", DEFAULTS.seed));
    c.finish();
    return config;
  }
}
