package org.artsim.recommend.unique;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the {@code "greedy"} near-duplicate finder ({@link NearDuplicates#find}, FiftyOne's
 * greedy keep-first pass): {@code Artsim.duplicateFinder(GreedyDuplicatesConfig.defaults())}.
 *
 * @param bruteForceLimit up to this many items every pair is compared directly; above it, pairs
 *     are found with index searches. At least 0; default {@value NearDuplicates#DEFAULT_BRUTE_FORCE_LIMIT};
 *     setting {@code brute_force_limit}
 */
public record GreedyDuplicatesConfig(int bruteForceLimit) implements ProviderConfig {
  /** The provider name. */
  public static final String PROVIDER = "greedy";

  private static final GreedyDuplicatesConfig DEFAULTS = new GreedyDuplicatesConfig(NearDuplicates.DEFAULT_BRUTE_FORCE_LIMIT);

  /** Validates the settings. */
  public GreedyDuplicatesConfig {
    if (bruteForceLimit < 0) {
      throw new ConfigException(PROVIDER + ": brute_force_limit must be >= 0, got " + bruteForceLimit);
    }
  }

  /** Direct comparison up to 2,000 items. */
  public static GreedyDuplicatesConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another limit. */
  public GreedyDuplicatesConfig withBruteForceLimit(int bruteForceLimit) {
    return new GreedyDuplicatesConfig(bruteForceLimit);
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** Reads the setting named above; unknown keys are refused. */
  public static GreedyDuplicatesConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(PROVIDER, settings);
    var config = new GreedyDuplicatesConfig(c.getInt("brute_force_limit", DEFAULTS.bruteForceLimit));
    c.finish();
    return config;
  }
}
