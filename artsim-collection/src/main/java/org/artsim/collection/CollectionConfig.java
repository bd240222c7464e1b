package org.artsim.collection;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.artsim.ConfigException;
import org.artsim.Metric;
import org.artsim.spi.ConfigMap;

/**
 * Which components an {@link ArtCollection} is built from, by provider name, with their settings.
 * The defaults in one place:
 *
 * <ul>
 *   <li>{@code embedder = "color"} &mdash; the weights-free colour/texture embedder of artsim-embed;
 *   <li>{@code index = "auto"} &mdash; the exact {@code "flat"} index below {@code hnsw_threshold}
 *       items (20,000), {@code "hnsw-lucene"} from there on (the approximate index artsim-index's
 *       benchmarks recommend; then {@code "hnsw"}, then flat again if neither is installed);
 *   <li>{@code text_index = "tfidf"} &mdash; artsim-text's forgiving TF-IDF search;
 *   <li>{@code recommender = "likes"} &mdash; artsim-recommend's like-driven sessions;
 *   <li>{@code metric = cosine}.
 * </ul>
 *
 * Settings maps are handed to the providers as they are ({@code Artsim.index(name, dim, metric,
 * settings)}); empty means the provider's defaults. Immutable.
 *
 * @param embedder the image embedder's provider name
 * @param embedderSettings the embedder's settings
 * @param index a vector index provider name, or {@code "auto"}
 * @param indexSettings the vector index's settings (for "auto": handed to the index chosen)
 * @param hnswThreshold from how many items "auto" chooses hnsw; setting {@code hnsw_threshold}
 * @param textIndex the text index's provider name, or {@code "none"} for no text search
 * @param textSettings the text index's settings
 * @param recommender the recommender's provider name
 * @param recommenderSettings the recommender's settings
 * @param metric how vectors are compared
 */
public record CollectionConfig(
    String embedder,
    Map<String, String> embedderSettings,
    String index,
    Map<String, String> indexSettings,
    int hnswThreshold,
    String textIndex,
    Map<String, String> textSettings,
    String recommender,
    Map<String, String> recommenderSettings,
    Metric metric) {

  /** The index name that picks flat or hnsw by size. */
  public static final String AUTO = "auto";

  /** The text index name that switches text search off. */
  public static final String NONE = "none";

  private static final CollectionConfig DEFAULTS =
      new CollectionConfig("color", Map.of(), AUTO, Map.of(), 20_000, "tfidf", Map.of(), "likes", Map.of(), Metric.COSINE);

  /** Validates names and copies the settings. */
  public CollectionConfig {
    embedder = name("embedder", embedder);
    index = name("index", index);
    textIndex = name("text_index", textIndex);
    recommender = name("recommender", recommender);
    Objects.requireNonNull(metric, "metric");
    if (hnswThreshold < 1) {
      throw new ConfigException("collection: hnsw_threshold must be >= 1, got " + hnswThreshold);
    }
    embedderSettings = copy(embedderSettings);
    indexSettings = copy(indexSettings);
    textSettings = copy(textSettings);
    recommenderSettings = copy(recommenderSettings);
  }

  private static String name(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException("collection: " + what + " must name a provider, got " + (value == null ? "null" : "'" + value + "'"));
    }
    return value.trim().toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, String> copy(Map<String, String> m) {
    return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(m));
  }

  /** The defaults: color embedder, auto index (flat, then hnsw from 20,000 items), tfidf, likes, cosine. */
  public static CollectionConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another embedder. */
  public CollectionConfig withEmbedder(String name, Map<String, String> settings) {
    return new CollectionConfig(name, settings, index, indexSettings, hnswThreshold, textIndex, textSettings, recommender, recommenderSettings, metric);
  }

  /** A copy with another embedder at its default settings. */
  public CollectionConfig withEmbedder(String name) {
    return withEmbedder(name, Map.of());
  }

  /** A copy with another vector index. */
  public CollectionConfig withIndex(String name, Map<String, String> settings) {
    return new CollectionConfig(embedder, embedderSettings, name, settings, hnswThreshold, textIndex, textSettings, recommender, recommenderSettings, metric);
  }

  /** A copy with another vector index at its default settings. */
  public CollectionConfig withIndex(String name) {
    return withIndex(name, Map.of());
  }

  /** A copy with another threshold for "auto". */
  public CollectionConfig withHnswThreshold(int threshold) {
    return new CollectionConfig(embedder, embedderSettings, index, indexSettings, threshold, textIndex, textSettings, recommender, recommenderSettings, metric);
  }

  /** A copy with another text index ({@code "none"} for none). */
  public CollectionConfig withTextIndex(String name, Map<String, String> settings) {
    return new CollectionConfig(embedder, embedderSettings, index, indexSettings, hnswThreshold, name, settings, recommender, recommenderSettings, metric);
  }

  /** A copy with another text index at its default settings. */
  public CollectionConfig withTextIndex(String name) {
    return withTextIndex(name, Map.of());
  }

  /** A copy with another recommender. */
  public CollectionConfig withRecommender(String name, Map<String, String> settings) {
    return new CollectionConfig(embedder, embedderSettings, index, indexSettings, hnswThreshold, textIndex, textSettings, name, settings, metric);
  }

  /** A copy with another recommender at its default settings. */
  public CollectionConfig withRecommender(String name) {
    return withRecommender(name, Map.of());
  }

  /** A copy with another metric. */
  public CollectionConfig withMetric(Metric m) {
    return new CollectionConfig(embedder, embedderSettings, index, indexSettings, hnswThreshold, textIndex, textSettings, recommender, recommenderSettings, m);
  }

  /**
   * Reads the provider names from string settings: {@code embedder}, {@code index}, {@code
   * hnsw_threshold}, {@code text_index}, {@code recommender}, {@code metric}. Component settings are
   * given with the typed withers. Unknown keys are refused.
   */
  public static CollectionConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("collection", settings);
    var d = DEFAULTS;
    var config =
        new CollectionConfig(
            c.getString("embedder", d.embedder()),
            Map.of(),
            c.getString("index", d.index()),
            Map.of(),
            c.getInt("hnsw_threshold", d.hnswThreshold()),
            c.getString("text_index", d.textIndex()),
            Map.of(),
            c.getString("recommender", d.recommender()),
            Map.of(),
            c.get("metric", d.metric(), Metric::parse, "one of cosine, dot, l2"));
    c.finish();
    return config;
  }
}
