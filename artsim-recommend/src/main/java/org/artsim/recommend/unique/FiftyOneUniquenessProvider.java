package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.analysis.UniquenessScorer;
import org.artsim.spi.UniquenessProvider;

/**
 * Provides the {@code "fiftyone"} uniqueness rule: FiftyOne ≥ 0.18's (cosine distance on
 * mean-centred vectors, the 2nd–4th nearest other items, weights 0.6/0.3/0.1), computed over the
 * listed items in double precision. See {@link NeighbourUniqueness}.
 */
public final class FiftyOneUniquenessProvider implements UniquenessProvider<FiftyOneUniquenessConfig> {
  /** Used by {@link java.util.ServiceLoader}. */
  public FiftyOneUniquenessProvider() {}

  @Override
  public String name() {
    return FiftyOneUniquenessConfig.PROVIDER;
  }

  @Override
  public String description() {
    return "FiftyOne >= 0.18's uniqueness: cosine distance on mean-centred vectors, 2nd-4th nearest others weighted 0.6/0.3/0.1, over the listed items";
  }

  @Override
  public Class<FiftyOneUniquenessConfig> configType() {
    return FiftyOneUniquenessConfig.class;
  }

  @Override
  public FiftyOneUniquenessConfig defaults() {
    return FiftyOneUniquenessConfig.defaults();
  }

  @Override
  public FiftyOneUniquenessConfig parse(Map<String, String> settings) {
    return FiftyOneUniquenessConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-recommend";
  }

  @Override
  public UniquenessScorer create(FiftyOneUniquenessConfig config) {
    return UniquenessProviders.fiftyone(config == null ? FiftyOneUniquenessConfig.defaults() : config);
  }
}
