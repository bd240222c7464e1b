package org.artsim.collection;

import java.util.List;
import java.util.Locale;
import org.artsim.ConfigException;

/**
 * How a collection whose index is {@code "auto"} chooses its vector index: the {@code exact}
 * provider below {@code threshold} items, from there the first installed of {@code approximate}
 * (then the exact one again, with a logged warning, if none is installed). When a growing collection
 * crosses the threshold its index is rebuilt once; open sessions follow the new index.
 *
 * <p>The defaults: {@code flat} below 20,000 items, then {@code hnsw-lucene} (the approximate index
 * artsim-index's benchmarks recommend), then {@code hnsw}. Immutable.
 *
 * @param exact the exact index's provider name
 * @param approximate the approximate indexes' provider names, in order of preference
 * @param threshold from how many items the approximate index is used (at least 1)
 */
public record AutoIndex(String exact, List<String> approximate, int threshold) {
  private static final AutoIndex DEFAULTS = new AutoIndex("flat", List.of("hnsw-lucene", "hnsw"), 20_000);

  /** Validates and copies. */
  public AutoIndex {
    exact = name(exact);
    if (approximate == null) {
      throw new ConfigException("collection: auto index: approximate must list provider names (it may be empty)");
    }
    approximate = approximate.stream().map(AutoIndex::name).toList();
    if (threshold < 1) {
      throw new ConfigException("collection: auto index: threshold must be >= 1, got " + threshold);
    }
  }

  private static String name(String n) {
    if (n == null || n.isBlank()) {
      throw new ConfigException("collection: auto index: a provider name is blank or null; name an installed vector index");
    }
    return n.strip().toLowerCase(Locale.ROOT);
  }

  /** flat, then hnsw-lucene or hnsw from 20,000 items. */
  public static AutoIndex defaults() {
    return DEFAULTS;
  }

  /** A copy with another threshold. */
  public AutoIndex withThreshold(int n) {
    return new AutoIndex(exact, approximate, n);
  }

  /** A copy with another exact index. */
  public AutoIndex withExact(String provider) {
    return new AutoIndex(provider, approximate, threshold);
  }

  /** A copy with other approximate indexes, in order of preference. */
  public AutoIndex withApproximate(String... providers) {
    return new AutoIndex(exact, List.of(providers), threshold);
  }
}
