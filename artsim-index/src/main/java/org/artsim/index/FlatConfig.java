package org.artsim.index;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;

/**
 * Settings of the exact ({@code "flat"}) index.
 *
 * @param initialCapacity how many vectors to make room for up front (the index grows as needed);
 *     setting {@code initial_capacity}
 */
public record FlatConfig(int initialCapacity) {
  private static final FlatConfig DEFAULTS = new FlatConfig(1024);

  /** Validates the settings. */
  public FlatConfig {
    if (initialCapacity < 0) {
      throw new ConfigException("flat: initial_capacity must be >= 0, got " + initialCapacity);
    }
  }

  /** The defaults: room for 1,024 vectors. */
  public static FlatConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another initial capacity. */
  public FlatConfig withInitialCapacity(int initialCapacity) {
    return new FlatConfig(initialCapacity);
  }

  /** Reads {@code initial_capacity} from string settings; unknown keys are refused. */
  public static FlatConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("flat", settings);
    var config = new FlatConfig(c.getInt("initial_capacity", DEFAULTS.initialCapacity()));
    c.finish();
    return config;
  }
}
