package org.artsim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns caller settings ({@code Map.of("m", 32, "ef", "64")}) into the string settings providers
 * parse. Strings, numbers, booleans, characters and enum constants are accepted and written as
 * {@code String.valueOf} writes them; anything else is refused with a message naming the provider
 * and the key, so a wrong value never surfaces as a {@link ClassCastException} deep in a provider.
 * No settings ({@code null}) means the provider's defaults, as an empty map does.
 */
final class Settings {
  private Settings() {}

  static Map<String, String> asStrings(String provider, Map<?, ?> settings) {
    if (settings == null) {
      return Map.of();
    }
    var out = new LinkedHashMap<String, String>();
    for (var e : settings.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new ConfigException(
            "'" + provider + "' settings need string keys, got " + describe(e.getKey()) + "; write the key as a string");
      }
      out.put(key, valueOf(provider, key, e.getValue()));
    }
    return out;
  }

  private static String valueOf(String provider, String key, Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Character || value instanceof Enum<?>) {
      return String.valueOf(value);
    }
    throw new ConfigException(
        "'" + provider + "' setting '" + key + "' has a value of type " + describe(value)
            + "; give a string, a number, a boolean or an enum constant");
  }

  private static String describe(Object o) {
    return o == null ? "null" : o.getClass().getName();
  }
}
