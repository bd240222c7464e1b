package org.artsim.collection;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.Metric;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Which components an {@link ArtCollection} is built from, each named by its provider, with the
 * defaults in one place:
 *
 * <ul>
 *   <li>{@code embedder = color} &mdash; the weights-free colour/texture embedder (artsim-embed);
 *   <li>{@code index = auto} &mdash; chosen by size as {@link #autoIndex()} says (flat, then
 *       hnsw-lucene or hnsw from 20,000 items);
 *   <li>{@code text_index = tfidf} (artsim-text), or {@code none} for no text search;
 *   <li>{@code recommender = likes} (artsim-recommend);
 *   <li>{@code clusterer = fasterpam}, {@code uniqueness = fiftyone} (FiftyOne &ge; 0.18; {@code
 *       fiftyone-0.17} for the older rule), {@code duplicate_finder = greedy} (artsim-recommend) and
 *       {@code quality_meter = pixels} (artsim-embed), found when first used;
 *   <li>{@code metric = cosine};
 *   <li>{@code text_embedder = none} &mdash; name a text embedder ({@code minilm}) to add dense
 *       text search and its fusion with the text index ({@link TextSearchMode}).
 * </ul>
 *
 * Each component is a {@link ProviderConfig}: a {@link ProviderSettings} (a name and string
 * settings, saved with the collection), or a provider's own typed config record (it names its
 * provider; a saved collection records only that name and reloads that component at its defaults,
 * except the embedder, whose settings its {@code EmbedderInfo} keeps). The collection finds every
 * provider through {@link java.util.ServiceLoader} by that name; there is no other plug-in route.
 * Immutable; one {@code with...} per component.
 *
 * @param embedder the image embedder
 * @param index the vector index, or {@code auto} (its settings go to the index chosen)
 * @param autoIndex how {@code auto} chooses
 * @param textIndex the text index, or {@code none}
 * @param recommender the recommender
 * @param clusterer the clusterer of {@code analysis().clusters}
 * @param uniqueness the uniqueness scorer of {@code analysis().uniqueness}
 * @param duplicateFinder the near-duplicate finder of {@code analysis().duplicates}
 * @param qualityMeter the image quality meter of {@code analysis().imageQuality}
 * @param metric how vectors are compared
 * @param textEmbedder the text embedder of dense text search, or {@code none}
 */
public record CollectionConfig(
    ProviderConfig embedder,
    ProviderConfig index,
    AutoIndex autoIndex,
    ProviderConfig textIndex,
    ProviderConfig recommender,
    ProviderConfig clusterer,
    ProviderConfig uniqueness,
    ProviderConfig duplicateFinder,
    ProviderConfig qualityMeter,
    Metric metric,
    ProviderConfig textEmbedder) {

  /** The index provider name that picks an index by size ({@link AutoIndex}). */
  public static final String AUTO = "auto";

  /** The text index provider name that switches text search off. */
  public static final String NONE = "none";

  private static final CollectionConfig DEFAULTS =
      new CollectionConfig(
          ProviderSettings.of("color"),
          ProviderSettings.of(AUTO),
          AutoIndex.defaults(),
          ProviderSettings.of("tfidf"),
          ProviderSettings.of("likes"),
          ProviderSettings.of("fasterpam"),
          ProviderSettings.of("fiftyone"),
          ProviderSettings.of("greedy"),
          ProviderSettings.of("pixels"),
          Metric.COSINE,
          ProviderSettings.of(NONE));

  /** Checks that every component is given. */
  public CollectionConfig {
    need("embedder", embedder);
    need("index", index);
    need("auto_index", autoIndex);
    need("text_index", textIndex);
    need("recommender", recommender);
    need("clusterer", clusterer);
    need("uniqueness", uniqueness);
    need("duplicate_finder", duplicateFinder);
    need("quality_meter", qualityMeter);
    need("metric", metric);
    need("text_embedder", textEmbedder);
  }

  private static void need(String what, Object value) {
    if (value == null) {
      throw new ConfigException("collection: " + what + " is null; give one (CollectionConfig.defaults() has them all)");
    }
    if (value instanceof ProviderConfig p && (p.provider() == null || p.provider().isBlank())) {
      throw new ConfigException("collection: the " + what + " config names no provider; name an installed one");
    }
  }

  /** The defaults listed in the class comment. */
  public static CollectionConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another embedder. */
  public CollectionConfig withEmbedder(ProviderConfig c) {
    return new CollectionConfig(c, index, autoIndex, textIndex, recommender, clusterer, uniqueness, duplicateFinder, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another vector index ({@code ProviderSettings.of("auto")} to choose by size). */
  public CollectionConfig withIndex(ProviderConfig c) {
    return new CollectionConfig(embedder, c, autoIndex, textIndex, recommender, clusterer, uniqueness, duplicateFinder, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another rule for {@code auto}. */
  public CollectionConfig withAutoIndex(AutoIndex a) {
    return new CollectionConfig(embedder, index, a, textIndex, recommender, clusterer, uniqueness, duplicateFinder, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another text index ({@code ProviderSettings.of("none")} for none). */
  public CollectionConfig withTextIndex(ProviderConfig c) {
    return new CollectionConfig(embedder, index, autoIndex, c, recommender, clusterer, uniqueness, duplicateFinder, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another recommender. */
  public CollectionConfig withRecommender(ProviderConfig c) {
    return new CollectionConfig(embedder, index, autoIndex, textIndex, c, clusterer, uniqueness, duplicateFinder, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another clusterer. */
  public CollectionConfig withClusterer(ProviderConfig c) {
    return new CollectionConfig(embedder, index, autoIndex, textIndex, recommender, c, uniqueness, duplicateFinder, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another uniqueness scorer. */
  public CollectionConfig withUniqueness(ProviderConfig c) {
    return new CollectionConfig(embedder, index, autoIndex, textIndex, recommender, clusterer, c, duplicateFinder, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another duplicate finder. */
  public CollectionConfig withDuplicateFinder(ProviderConfig c) {
    return new CollectionConfig(embedder, index, autoIndex, textIndex, recommender, clusterer, uniqueness, c, qualityMeter, metric, textEmbedder);
  }

  /** A copy with another image quality meter. */
  public CollectionConfig withQualityMeter(ProviderConfig c) {
    return new CollectionConfig(embedder, index, autoIndex, textIndex, recommender, clusterer, uniqueness, duplicateFinder, c, metric, textEmbedder);
  }

  /** A copy with another metric. */
  public CollectionConfig withMetric(Metric m) {
    return new CollectionConfig(embedder, index, autoIndex, textIndex, recommender, clusterer, uniqueness, duplicateFinder, qualityMeter, m, textEmbedder);
  }

  /**
   * A copy with a text embedder ({@code minilm}, or {@code clip}'s text side) for dense text search
   * ({@code ProviderSettings.of("none")}, the default, for none); see {@link TextSearchMode}.
   */
  public CollectionConfig withTextEmbedder(ProviderConfig c) {
    return new CollectionConfig(embedder, index, autoIndex, textIndex, recommender, clusterer, uniqueness, duplicateFinder, qualityMeter, metric, c);
  }

  /** Whether dense text search is on (a text embedder is named). */
  public boolean denseTextSearch() {
    return !textEmbedder.provider().equals(NONE);
  }

  /** Whether the index is chosen by size. */
  public boolean autoChoosesIndex() {
    return index.provider().equals(AUTO);
  }

  /** Whether text search is on (the text index is not {@code none}). */
  public boolean textSearch() {
    return !textIndex.provider().equals(NONE);
  }

  /**
   * Reads provider names from string settings (a properties file, a command line): {@code embedder,
   * index, hnsw_threshold, text_index, recommender, clusterer, uniqueness, duplicate_finder,
   * quality_meter, metric, text_embedder}; keys not given keep their defaults, unknown keys are refused. Component
   * settings are given with the {@code with...} methods.
   *
   * @throws ConfigException for an unknown key or a bad value
   */
  public static CollectionConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("collection", settings);
    var d = DEFAULTS;
    var config =
        new CollectionConfig(
            ProviderSettings.of(c.getString("embedder", d.embedder().provider())),
            ProviderSettings.of(c.getString("index", d.index().provider())),
            d.autoIndex().withThreshold(c.getInt("hnsw_threshold", d.autoIndex().threshold())),
            ProviderSettings.of(c.getString("text_index", d.textIndex().provider())),
            ProviderSettings.of(c.getString("recommender", d.recommender().provider())),
            ProviderSettings.of(c.getString("clusterer", d.clusterer().provider())),
            ProviderSettings.of(c.getString("uniqueness", d.uniqueness().provider())),
            ProviderSettings.of(c.getString("duplicate_finder", d.duplicateFinder().provider())),
            ProviderSettings.of(c.getString("quality_meter", d.qualityMeter().provider())),
            c.get("metric", d.metric(), Metric::parse, "one of cosine, dot, l2"),
            ProviderSettings.of(c.getString("text_embedder", d.textEmbedder().provider())));
    c.finish();
    return config;
  }
}
