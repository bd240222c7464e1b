package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.spi.DuplicateFinderProvider;

/**
 * Provides the {@code "greedy"} near-duplicate finder: every pair within the threshold (direct
 * comparison up to {@link GreedyDuplicatesConfig#bruteForceLimit()} items, index searches above),
 * then FiftyOne's greedy keep-first pass in the given order; each removed item is grouped under
 * its nearest kept item. See {@link NearDuplicates}.
 */
public final class GreedyDuplicateFinderProvider implements DuplicateFinderProvider<GreedyDuplicatesConfig> {
  /** Used by {@link java.util.ServiceLoader}. */
  public GreedyDuplicateFinderProvider() {}

  @Override
  public String name() {
    return GreedyDuplicatesConfig.PROVIDER;
  }

  @Override
  public String description() {
    return "FiftyOne's greedy near-duplicate pass: the first item of each near-copy set is kept, the rest grouped under their nearest kept item";
  }

  @Override
  public Class<GreedyDuplicatesConfig> configType() {
    return GreedyDuplicatesConfig.class;
  }

  @Override
  public GreedyDuplicatesConfig defaults() {
    return GreedyDuplicatesConfig.defaults();
  }

  @Override
  public GreedyDuplicatesConfig parse(Map<String, String> settings) {
    return GreedyDuplicatesConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-recommend";
  }

  @Override
  public DuplicateFinder create(GreedyDuplicatesConfig config) {
    return new GreedyDuplicateFinder(config == null ? GreedyDuplicatesConfig.defaults() : config);
  }
}
