package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the {@code "fiftyone"} uniqueness rule (FiftyOne ≥ 0.18; see {@link
 * NeighbourUniqueness}): {@code Artsim.uniqueness(FiftyOneUniquenessConfig.defaults())}.
 *
 * @param exactLimit up to this many scored items the rule measures cosine distance between the
 *     mean-centred vectors; above it, the Euclidean distance between their unit-length versions
 *     ({@code √(2·cosine distance)}), as FiftyOne does above its precomputed-matrix limit. Default
 *     {@value FiftyOneRule#FIFTYONE_EXACT_LIMIT} (FiftyOne's); at least 0; setting {@code exact_limit}
 */
public record FiftyOneUniquenessConfig(int exactLimit) implements ProviderConfig {
  /** The provider name. */
  public static final String PROVIDER = "fiftyone";

  private static final FiftyOneUniquenessConfig DEFAULTS = new FiftyOneUniquenessConfig(FiftyOneRule.FIFTYONE_EXACT_LIMIT);

  /** Validates the settings. */
  public FiftyOneUniquenessConfig {
    if (exactLimit < 0) {
      throw new ConfigException(PROVIDER + ": exact_limit must be >= 0, got " + exactLimit);
    }
  }

  /** FiftyOne's limit, 15,000 items. */
  public static FiftyOneUniquenessConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another limit. */
  public FiftyOneUniquenessConfig withExactLimit(int exactLimit) {
    return new FiftyOneUniquenessConfig(exactLimit);
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** Reads the setting named above; unknown keys are refused. */
  public static FiftyOneUniquenessConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(PROVIDER, settings);
    var config = new FiftyOneUniquenessConfig(c.getInt("exact_limit", DEFAULTS.exactLimit));
    c.finish();
    return config;
  }
}
