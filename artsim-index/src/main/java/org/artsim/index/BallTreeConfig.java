package org.artsim.index;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the exact ball-tree ({@code "balltree"}) index; names its provider. Validated when
 * constructed: a bad value is a {@link ConfigException} naming the provider, the key and the
 * allowed values.
 *
 * <pre>{@code
 * Artsim.index(BallTreeConfig.defaults().withLeafSize(64), 512, Metric.COSINE);
 * }</pre>
 *
 * @param leafSize a node with at most this many points is a leaf, scanned with SIMD kernels
 *     (scikit-learn's default is 40, SynapseML's 50); setting {@code leaf_size}, in [1, 100000]
 * @param seed seeds the random start point of each split (SynapseML uses {@code new
 *     java.util.Random(1)}); the same seed and insertion order give the same tree; setting {@code
 *     seed}
 */
public record BallTreeConfig(int leafSize, long seed) implements ProviderConfig {
  /** The provider this configures. */
  public static final String PROVIDER = "balltree";

  private static final BallTreeConfig DEFAULTS = new BallTreeConfig(40, 1L);

  /** Validates the settings. */
  public BallTreeConfig {
    if (leafSize < 1 || leafSize > 100_000) {
      throw new ConfigException("balltree: leaf_size must be in [1, 100000], got " + leafSize);
    }
  }

  /** {@code "balltree"}. */
  @Override
  public String provider() {
    return PROVIDER;
  }

  /** The defaults: leaves of up to 40 points, seed 1. */
  public static BallTreeConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another leaf size. */
  public BallTreeConfig withLeafSize(int leafSize) {
    return new BallTreeConfig(leafSize, seed);
  }

  /** A copy with another seed. */
  public BallTreeConfig withSeed(long seed) {
    return new BallTreeConfig(leafSize, seed);
  }

  /** Reads {@code leaf_size} and {@code seed} from string settings; unknown keys are refused. */
  public static BallTreeConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(PROVIDER, settings);
    var config = new BallTreeConfig(c.getInt("leaf_size", DEFAULTS.leafSize()), c.getLong("seed", DEFAULTS.seed()));
    c.finish();
    return config;
  }
}
