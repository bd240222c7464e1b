package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Selects the {@code "knn-distance"} uniqueness rule (artsim's index-based rule; see {@link
 * NeighbourUniqueness}): {@code Artsim.uniqueness(KnnDistanceUniquenessConfig.defaults())}. The
 * rule has no settings.
 */
public record KnnDistanceUniquenessConfig() implements ProviderConfig {
  /** The provider name. */
  public static final String PROVIDER = "knn-distance";

  private static final KnnDistanceUniquenessConfig DEFAULTS = new KnnDistanceUniquenessConfig();

  /** The only configuration. */
  public static KnnDistanceUniquenessConfig defaults() {
    return DEFAULTS;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** Accepts no settings: any key is refused. */
  public static KnnDistanceUniquenessConfig parse(Map<String, String> settings) {
    ConfigMap.of(PROVIDER, settings).finish();
    return DEFAULTS;
  }
}
