package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Selects the {@code "fiftyone-0.17"} uniqueness rule (FiftyOne ≤ 0.17; see {@link
 * NeighbourUniqueness}): {@code Artsim.uniqueness(FiftyOne017UniquenessConfig.defaults())}. The
 * rule has no settings.
 */
public record FiftyOne017UniquenessConfig() implements ProviderConfig {
  /** The provider name. */
  public static final String PROVIDER = "fiftyone-0.17";

  private static final FiftyOne017UniquenessConfig DEFAULTS = new FiftyOne017UniquenessConfig();

  /** The only configuration. */
  public static FiftyOne017UniquenessConfig defaults() {
    return DEFAULTS;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** Accepts no settings: any key is refused. */
  public static FiftyOne017UniquenessConfig parse(Map<String, String> settings) {
    ConfigMap.of(PROVIDER, settings).finish();
    return DEFAULTS;
  }
}
