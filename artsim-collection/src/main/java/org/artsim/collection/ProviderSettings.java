package org.artsim.collection;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.artsim.ConfigException;
import org.artsim.spi.ProviderConfig;

/**
 * A component of a collection named by its provider, with string settings the provider parses
 * (and validates) when the collection creates it: {@code ProviderSettings.of("cnn", Map.of("model",
 * "resnet50.pt"))}. Saved with the collection, so a loaded collection recreates the same component.
 *
 * <p>Setting values may be strings, numbers, booleans or enums; they are kept as their string
 * form. Immutable.
 *
 * @param provider the provider name (lower-cased)
 * @param settings the settings, sorted by key
 */
public record ProviderSettings(String provider, Map<String, String> settings) implements ProviderConfig {

  /** Validates the name and copies the settings. */
  public ProviderSettings {
    if (provider == null || provider.isBlank()) {
      throw new ConfigException("collection: a component must name its provider, got " + (provider == null ? "null" : "'" + provider + "'"));
    }
    provider = provider.strip().toLowerCase(Locale.ROOT);
    settings = settings == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /** A provider at its default settings. */
  public static ProviderSettings of(String provider) {
    return new ProviderSettings(provider, Map.of());
  }

  /**
   * A provider with settings (strings, numbers, booleans or enums).
   *
   * @throws ConfigException for a null key or value, or a value of another type
   */
  public static ProviderSettings of(String provider, Map<String, ?> settings) {
    var out = new TreeMap<String, String>();
    if (settings != null) {
      for (var e : settings.entrySet()) {
        Object v = e.getValue();
        if (e.getKey() == null || v == null) {
          throw new ConfigException("collection: the settings of '" + provider + "' hold a null key or value (" + e.getKey() + "); give every setting a value");
        }
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Enum<?>)) {
          throw new ConfigException(
              "collection: setting '" + e.getKey() + "' of '" + provider + "' is a " + v.getClass().getSimpleName() + "; give a string, number, boolean or enum");
        }
        out.put(e.getKey(), v instanceof Enum<?> en ? en.name().toLowerCase(Locale.ROOT) : v.toString());
      }
    }
    return new ProviderSettings(provider, out);
  }

  /** The settings of any component config: these settings, or none for a typed config (it configures itself). */
  static Map<String, String> settingsOf(ProviderConfig c) {
    return c instanceof ProviderSettings s ? s.settings() : Map.of();
  }

  @Override
  public String toString() {
    return settings.isEmpty() ? provider : provider + settings;
  }
}
