package org.artsim.spi;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.artsim.ConfigException;

/**
 * Reads typed values from string settings for {@link Provider#parse}, remembering which keys were
 * read so that {@link #finish()} can reject the ones nobody knows (a misspelt key is an error, not
 * a silent default).
 *
 * <pre>{@code
 * var c = ConfigMap.of("hnsw", settings);
 * var config = new MyConfig(c.getInt("m", 16), c.getInt("ef_construction", 200), ...);
 * c.finish();
 * }</pre>
 *
 * Keys are matched ignoring case, and {@code -} and {@code _} are interchangeable. Not thread-safe.
 */
public final class ConfigMap {
  private final String component;
  private final Map<String, String> values = new TreeMap<>();
  private final Set<String> known = new LinkedHashSet<>();

  private ConfigMap(String component, Map<String, String> settings) {
    this.component = component;
    settings.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new ConfigException(component + ": settings contain a null key or value; remove it");
          }
          values.put(normalise(k), v.trim());
        });
  }

  /** Settings for the named component (the name appears in error messages). */
  public static ConfigMap of(String component, Map<String, String> settings) {
    return new ConfigMap(component, settings == null ? Map.of() : settings);
  }

  private static String normalise(String key) {
    return key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** A string value, or {@code defaultValue}. */
  public String getString(String key, String defaultValue) {
    String v = values.get(mark(key));
    return v == null ? defaultValue : v;
  }

  /** An int value, or {@code defaultValue}. */
  public int getInt(String key, int defaultValue) {
    return get(key, defaultValue, Integer::parseInt, "a whole number");
  }

  /** A long value, or {@code defaultValue}. */
  public long getLong(String key, long defaultValue) {
    return get(key, defaultValue, Long::parseLong, "a whole number");
  }

  /** A double value, or {@code defaultValue}. */
  public double getDouble(String key, double defaultValue) {
    return get(key, defaultValue, Double::parseDouble, "a number");
  }

  /** A boolean value ({@code true}/{@code false}), or {@code defaultValue}. */
  public boolean getBoolean(String key, boolean defaultValue) {
    return get(
        key,
        defaultValue,
        s -> switch (s.toLowerCase(Locale.ROOT)) {
          case "true" -> true;
          case "false" -> false;
          default -> throw new IllegalArgumentException(s);
        },
        "true or false");
  }

  /** An enum constant named by the value (ignoring case), or {@code defaultValue}. */
  public <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) {
    var names = new TreeSet<String>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    return get(key, defaultValue, s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT)), "one of " + names);
  }

  /** A value converted by {@code parser}, or {@code defaultValue}; {@code expected} names the form in errors. */
  public <T> T get(String key, T defaultValue, Function<String, T> parser, String expected) {
    String v = values.get(mark(key));
    if (v == null) {
      return defaultValue;
    }
    try {
      return parser.apply(v);
    } catch (RuntimeException e) {
      throw new ConfigException(component + ": setting '" + key + "' is '" + v + "'; it must be " + expected, e);
    }
  }

  private String mark(String key) {
    String k = normalise(key);
    known.add(k);
    return k;
  }

  /**
   * Checks that every given key was read.
   *
   * @throws ConfigException naming the unknown keys and listing the known ones
   */
  public void finish() {
    var unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          component + ": unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown + "; known settings are " + known);
    }
  }
}
