package org.artsim.index;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.index.support.ParallelQueries;
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
 * @param searchThreads threads that answer the queries of one {@code searchBatch} call (the calling
 *     thread and workers of a shared pool; 1 answers every query on the calling thread); results
 *     equal a sequential loop exactly; setting {@code search_threads}, in [1, 1024], default one per
 *     core. Not saved in the index file: a loaded index uses the loading machine's default
 */
public record BallTreeConfig(int leafSize, long seed, int searchThreads) implements ProviderConfig {
  /** The provider this configures. */
  public static final String PROVIDER = "balltree";

  private static final BallTreeConfig DEFAULTS = new BallTreeConfig(40, 1L, ParallelQueries.DEFAULT_THREADS);

  /** The leaf size and seed; batch searches use one thread per core. */
  public BallTreeConfig(int leafSize, long seed) {
    this(leafSize, seed, ParallelQueries.DEFAULT_THREADS);
  }

  /** Validates the settings. */
  public BallTreeConfig {
    if (leafSize < 1 || leafSize > 100_000) {
      throw new ConfigException("balltree: leaf_size must be in [1, 100000], got " + leafSize);
    }
    if (searchThreads < 1 || searchThreads > ParallelQueries.MAX_THREADS) {
      throw new ConfigException("balltree: search_threads must be in [1, " + ParallelQueries.MAX_THREADS + "], got " + searchThreads);
    }
  }

  /** {@code "balltree"}. */
  @Override
  public String provider() {
    return PROVIDER;
  }

  /** The defaults: leaves of up to 40 points, seed 1, one batch-search thread per core. */
  public static BallTreeConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another leaf size. */
  public BallTreeConfig withLeafSize(int leafSize) {
    return new BallTreeConfig(leafSize, seed, searchThreads);
  }

  /** A copy with another seed. */
  public BallTreeConfig withSeed(long seed) {
    return new BallTreeConfig(leafSize, seed, searchThreads);
  }

  /** A copy with another number of batch-search threads (1: on the calling thread). */
  public BallTreeConfig withSearchThreads(int searchThreads) {
    return new BallTreeConfig(leafSize, seed, searchThreads);
  }

  /** Reads {@code leaf_size}, {@code seed} and {@code search_threads} from string settings; unknown keys are refused. */
  public static BallTreeConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(PROVIDER, settings);
    var config =
        new BallTreeConfig(c.getInt("leaf_size", DEFAULTS.leafSize()), c.getLong("seed", DEFAULTS.seed()), c.getInt("search_threads", DEFAULTS.searchThreads()));
    c.finish();
    return config;
  }
}
