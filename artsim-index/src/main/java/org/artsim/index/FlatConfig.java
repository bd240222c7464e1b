package org.artsim.index;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the exact ({@code "flat"}) index; names its provider, so {@code
 * Artsim.index(FlatConfig.defaults(), 512, Metric.COSINE)} needs no provider name. Validated when
 * constructed: a bad value is a {@link ConfigException} naming the provider, the key and the
 * allowed values.
 *
 * @param initialCapacity how many vectors to make room for up front (the index grows as needed);
 *     setting {@code initial_capacity}
 * @param int8Prefilter for {@code COSINE} and {@code DOT} indexes of at least 4,096 vectors, keep an
 *     8-bit copy of the vectors (25% more memory) and scan it first, rescoring only the rows that
 *     can still be in the top k: single queries read a quarter of the bytes and results stay
 *     exactly those of the full scan; setting {@code int8_prefilter}
 */
public record FlatConfig(int initialCapacity, boolean int8Prefilter) implements ProviderConfig {
  /** The provider this configures. */
  public static final String PROVIDER = "flat";

  private static final FlatConfig DEFAULTS = new FlatConfig(1024, true);

  /** Validates the settings. */
  public FlatConfig {
    if (initialCapacity < 0) {
      throw new ConfigException(PROVIDER + ": initial_capacity must be in [0, " + Integer.MAX_VALUE + "], got " + initialCapacity);
    }
  }

  /** {@code "flat"}. */
  @Override
  public String provider() {
    return PROVIDER;
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
    var c = ConfigMap.of(PROVIDER, settings);
    var config =
        new FlatConfig(
            c.getInt("initial_capacity", DEFAULTS.initialCapacity()),
            c.getBoolean("int8_prefilter", DEFAULTS.int8Prefilter()));
    c.finish();
    return config;
  }
}
