package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.analysis.UniquenessScorer;
import org.artsim.spi.UniquenessProvider;

/**
 * Provides the {@code "fiftyone-0.17"} uniqueness rule: FiftyOne ≤ 0.17's (Euclidean distance on
 * the stored vectors, the 1st–3rd nearest other items, weights 0.6/0.3/0.1), computed over the
 * listed items in double precision. See {@link NeighbourUniqueness}.
 */
public final class FiftyOne017UniquenessProvider implements UniquenessProvider<FiftyOne017UniquenessConfig> {
  /** Used by {@link java.util.ServiceLoader}. */
  public FiftyOne017UniquenessProvider() {}

  @Override
  public String name() {
    return FiftyOne017UniquenessConfig.PROVIDER;
  }

  @Override
  public String description() {
    return "FiftyOne <= 0.17's uniqueness: Euclidean distance on the vectors, 1st-3rd nearest others weighted 0.6/0.3/0.1, over the listed items";
  }

  @Override
  public Class<FiftyOne017UniquenessConfig> configType() {
    return FiftyOne017UniquenessConfig.class;
  }

  @Override
  public FiftyOne017UniquenessConfig defaults() {
    return FiftyOne017UniquenessConfig.defaults();
  }

  @Override
  public FiftyOne017UniquenessConfig parse(Map<String, String> settings) {
    return FiftyOne017UniquenessConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-recommend";
  }

  @Override
  public UniquenessScorer create(FiftyOne017UniquenessConfig config) {
    return UniquenessProviders.fiftyone017();
  }
}
