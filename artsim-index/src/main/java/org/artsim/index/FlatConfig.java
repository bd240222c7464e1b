package org.artsim.index;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;

/**
 * Settings of the exact ({@code "flat"}) index.
 *
 * @param initialCapacity how many vectors to make room for up front (the index grows as needed);
 *     setting {@code initial_capacity}
 * @param int8Prefilter for {@code COSINE} and {@code DOT} indexes of at least 4,096 vectors, keep an
 *     8-bit copy of the vectors (25% more memory) and scan it first, rescoring only the rows that
 *     can still be in the top k: single queries read a quarter of the bytes and results stay
 *     exactly those of the full scan; setting {@code int8_prefilter}
 */
public record FlatConfig(int initialCapacity, boolean int8Prefilter) {
  private static final FlatConfig DEFAULTS = new FlatConfig(1024, true);

  /** Validates the settings. */
  public FlatConfig {
    if (initialCapacity < 0) {
      throw new ConfigException("flat: initial_capacity must be >= 0, got " + initialCapacity);
    }
  }

  /** The defaults: room for 1,024 vectors, int8 pre-filter on. */
  public static FlatConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another initial capacity. */
  public FlatConfig withInitialCapacity(int initialCapacity) {
    return new FlatConfig(initialCapacity, int8Prefilter);
  }

  /** A copy with the int8 pre-filter switched on or off. */
  public FlatConfig withInt8Prefilter(boolean int8Prefilter) {
    return new FlatConfig(initialCapacity, int8Prefilter);
  }

  /** Reads {@code initial_capacity} and {@code int8_prefilter}; unknown keys are refused. */
  public static FlatConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("flat", settings);
    var config =
        new FlatConfig(
            c.getInt("initial_capacity", DEFAULTS.initialCapacity()),
            c.getBoolean("int8_prefilter", DEFAULTS.int8Prefilter()));
    c.finish();
    return config;
  }
}
