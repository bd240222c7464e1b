package org.artsim.index;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;

/**
 * Settings of the approximate HNSW indexes ({@code "hnsw"} on hnswlib-core and {@code
 * "hnsw-lucene"} on Lucene's HNSW graph).
 *
 * <pre>{@code
 * Artsim.index("hnsw-lucene", 512, Metric.COSINE, HnswConfig.defaults().withM(32).withEf(64));
 * }</pre>
 *
 * @param m links per node on the upper layers (twice as many on layer 0); setting {@code m}, in
 *     [2, 512]
 * @param efConstruction candidate-list size while inserting (Lucene's beam width); setting {@code
 *     ef_construction}, in [1, 100000]
 * @param ef the default candidate-list size of a search, at least {@code k} is used; a request's
 *     {@link org.artsim.SearchRequest#ef()} overrides it; setting {@code ef}, in [1, 100000]. The
 *     default 40 reaches recall@10 &ge; 0.95 on Fashion-MNIST (see artsim-bench/results/index.md)
 * @param seed seeds the level assignment where the library allows it ({@code hnsw-lucene}; hnswlib-core
 *     draws levels from an unseeded {@code ThreadLocalRandom}, so its builds are not reproducible);
 *     setting {@code seed}
 * @param threads threads used by {@code addAll} to insert in parallel; setting {@code threads}, in
 *     [1, 1024]
 * @param maxItems the initial capacity of the graph; it grows by half when full; setting {@code
 *     max_items}, in [1, 2^20]
 */
public record HnswConfig(int m, int efConstruction, int ef, long seed, int threads, int maxItems) {
  /** The largest {@code max_items} (initial capacity; the graph grows past it as needed). */
  public static final int MAX_ITEMS = 1 << 20;

  private static final HnswConfig DEFAULTS = new HnswConfig(16, 200, 40, 42L, Math.max(1, Runtime.getRuntime().availableProcessors()), 1024);

  /** Validates the settings. */
  public HnswConfig {
    if (m < 2 || m > 512) {
      throw new ConfigException("hnsw: m must be in [2, 512], got " + m);
    }
    if (efConstruction < 1 || efConstruction > 100_000) {
      throw new ConfigException("hnsw: ef_construction must be in [1, 100000], got " + efConstruction);
    }
    if (ef < 1 || ef > 100_000) {
      throw new ConfigException("hnsw: ef must be in [1, 100000], got " + ef);
    }
    if (threads < 1 || threads > 1024) {
      throw new ConfigException("hnsw: threads must be in [1, 1024], got " + threads);
    }
    if (maxItems < 1 || maxItems > MAX_ITEMS) {
      throw new ConfigException("hnsw: max_items must be in [1, " + MAX_ITEMS + "], got " + maxItems + "; it is only the initial capacity, the graph grows as needed");
    }
  }

  /** The defaults: m 16, ef_construction 200, ef 40, seed 42, one thread per core, room for 1,024. */
  public static HnswConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another {@code m}. */
  public HnswConfig withM(int m) {
    return new HnswConfig(m, efConstruction, ef, seed, threads, maxItems);
  }

  /** A copy with another {@code efConstruction}. */
  public HnswConfig withEfConstruction(int efConstruction) {
    return new HnswConfig(m, efConstruction, ef, seed, threads, maxItems);
  }

  /** A copy with another default {@code ef}. */
  public HnswConfig withEf(int ef) {
    return new HnswConfig(m, efConstruction, ef, seed, threads, maxItems);
  }

  /** A copy with another seed. */
  public HnswConfig withSeed(long seed) {
    return new HnswConfig(m, efConstruction, ef, seed, threads, maxItems);
  }

  /** A copy with another number of build threads. */
  public HnswConfig withThreads(int threads) {
    return new HnswConfig(m, efConstruction, ef, seed, threads, maxItems);
  }

  /** A copy with another initial capacity. */
  public HnswConfig withMaxItems(int maxItems) {
    return new HnswConfig(m, efConstruction, ef, seed, threads, maxItems);
  }

  /**
   * Reads {@code m}, {@code ef_construction}, {@code ef}, {@code seed}, {@code threads} and {@code
   * max_items} from string settings; unknown keys are refused.
   */
  public static HnswConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("hnsw", settings);
    var config =
        new HnswConfig(
            c.getInt("m", DEFAULTS.m()),
            c.getInt("ef_construction", DEFAULTS.efConstruction()),
            c.getInt("ef", DEFAULTS.ef()),
            c.getLong("seed", DEFAULTS.seed()),
            c.getInt("threads", DEFAULTS.threads()),
            c.getInt("max_items", DEFAULTS.maxItems()));
    c.finish();
    return config;
  }
}
