package org.artsim.bench.scale;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An index to measure, as given on the command line: a provider name and its settings, {@code
 * flat}, {@code hnsw-lucene:m=16,ef_construction=100,ef=64}. Settings are passed to {@code
 * Artsim.index(name, dim, metric, settings)} unchanged, so a new provider or setting (a mapped or
 * int8 storage mode) is measured without changing the harness.
 *
 * @param text the spec as given
 * @param name the provider name
 * @param settings the provider's settings, in the order given
 */
record IndexSpec(String text, String name, Map<String, String> settings) {

  /** Parses {@code name[:key=value[,key=value]...]}. */
  static IndexSpec parse(String text) {
    String t = text.strip();
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    var settings = new LinkedHashMap<String, String>();
    if (colon >= 0 && colon + 1 < t.length()) {
      for (String kv : t.substring(colon + 1).split(",")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("index setting '" + kv + "' in '" + text + "' is not key=value");
        }
        settings.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("index spec '" + text + "' names no provider");
    }
    return new IndexSpec(t, name, java.util.Collections.unmodifiableMap(settings));
  }

  /** Whether this is the plain exact flat index (usable as the ground truth). */
  boolean plainFlat() {
    return name.equals("flat") && settings.isEmpty();
  }
}
