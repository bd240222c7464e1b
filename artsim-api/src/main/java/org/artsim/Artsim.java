package org.artsim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.analysis.Clusterer;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.analysis.ImageQualityMeter;
import org.artsim.analysis.UniquenessScorer;
import org.artsim.io.ArtsimFiles;
import org.artsim.spi.ClustererProvider;
import org.artsim.spi.DuplicateFinderProvider;
import org.artsim.spi.EmbedderProvider;
import org.artsim.spi.ImageQualityMeterProvider;
import org.artsim.spi.Provider;
import org.artsim.spi.ProviderRegistry;
import org.artsim.spi.RecommenderProvider;
import org.artsim.spi.TextIndexProvider;
import org.artsim.spi.UniquenessProvider;
import org.artsim.spi.VectorIndexProvider;

/**
 * Short static entry points for the common case, and what JShell users type:
 *
 * <pre>{@code
 * Artsim.available()                                   // {VectorIndex=[balltree, flat, hnsw], ...}
 * var index = Artsim.index("flat", 512, Metric.COSINE);
 * var hnsw  = Artsim.index("hnsw", 512, Metric.COSINE, Map.of("m", "32"));
 * var again = Artsim.loadIndex(Path.of("art.idx"));
 * }</pre>
 *
 * Every method finds its implementation by provider name through {@link ProviderRegistry}; an
 * unknown name throws {@link UnknownProviderException} listing what is installed.
 */
public final class Artsim {
  /** The prefix of vector index file formats; the provider name follows. */
  public static final String INDEX_FORMAT_PREFIX = "artsim.index.";

  /** The prefix of text index file formats; the provider name follows. */
  public static final String TEXT_INDEX_FORMAT_PREFIX = "artsim.text.";

  private Artsim() {}

  /** The installed provider names of each kind: {@code {VectorIndex=[flat, hnsw], ...}}. */
  public static Map<String, List<String>> available() {
    var out = new LinkedHashMap<String, List<String>>();
    for (var registry :
        List.of(
            ProviderRegistry.of(VectorIndexProvider.class),
            ProviderRegistry.of(TextIndexProvider.class),
            ProviderRegistry.of(EmbedderProvider.class),
            ProviderRegistry.of(RecommenderProvider.class),
            ProviderRegistry.of(ClustererProvider.class),
            ProviderRegistry.of(UniquenessProvider.class),
            ProviderRegistry.of(DuplicateFinderProvider.class),
            ProviderRegistry.of(ImageQualityMeterProvider.class))) {
      out.put(registry.kindName(), registry.names());
    }
    return out;
  }

  /** A new vector index of the named kind with its default configuration. */
  public static VectorIndex index(String name, int dimension, Metric metric) {
    VectorIndexProvider<?> p = ProviderRegistry.of(VectorIndexProvider.class).get(name);
    return createIndex(p, dimension, metric, p.defaults());
  }

  /** A new vector index of the named kind, configured from string settings. */
  public static VectorIndex index(String name, int dimension, Metric metric, Map<String, String> settings) {
    VectorIndexProvider<?> p = ProviderRegistry.of(VectorIndexProvider.class).get(name);
    return createIndex(p, dimension, metric, p.parse(settings));
  }

  /** A new vector index of the named kind with a typed configuration (e.g. {@code HnswConfig}). */
  public static VectorIndex index(String name, int dimension, Metric metric, Object config) {
    if (config instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      var settings = (Map<String, String>) m;
      return index(name, dimension, metric, settings);
    }
    VectorIndexProvider<?> p = ProviderRegistry.of(VectorIndexProvider.class).get(name);
    return createIndex(p, dimension, metric, config);
  }

  private static <C> VectorIndex createIndex(VectorIndexProvider<C> p, int dimension, Metric metric, Object config) {
    if (dimension <= 0) {
      throw new InvalidArgumentException("dimension must be positive, got " + dimension);
    }
    if (metric == null) {
      throw new InvalidArgumentException("metric is null; use Metric.COSINE, Metric.DOT or Metric.L2");
    }
    return p.create(dimension, metric, configOf(p, config));
  }

  /**
   * A vector index saved with {@link VectorIndex#save}; the kind is read from the file.
   *
   * @throws FileFormatException if the file is not a vector index or is damaged
   */
  public static VectorIndex loadIndex(Path path) {
    return ProviderRegistry.of(VectorIndexProvider.class).get(kindOf(path, INDEX_FORMAT_PREFIX, "vector index")).load(path);
  }

  /** The provider name in a file's format name, after checking the file holds the expected thing. */
  private static String kindOf(Path path, String prefix, String what) {
    var header = ArtsimFiles.peek(path);
    if (!header.format().startsWith(prefix)) {
      throw new FileFormatException(path + " holds a '" + header.format() + "', not a " + what);
    }
    return header.format().substring(prefix.length());
  }

  /** A new text index of the named kind with its default configuration. */
  public static TextIndex textIndex(String name) {
    TextIndexProvider<?> p = ProviderRegistry.of(TextIndexProvider.class).get(name);
    return createText(p, p.defaults());
  }

  /** A new text index of the named kind, from string settings or a typed configuration. */
  public static TextIndex textIndex(String name, Object config) {
    TextIndexProvider<?> p = ProviderRegistry.of(TextIndexProvider.class).get(name);
    return createText(p, config);
  }

  private static <C> TextIndex createText(TextIndexProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** A text index saved with {@link TextIndex#save}; the kind is read from the file. */
  public static TextIndex loadTextIndex(Path path) {
    return ProviderRegistry.of(TextIndexProvider.class).get(kindOf(path, TEXT_INDEX_FORMAT_PREFIX, "text index")).load(path);
  }

  /** A new embedder of the named kind with its default configuration. */
  public static Embedder embedder(String name) {
    EmbedderProvider<?> p = ProviderRegistry.of(EmbedderProvider.class).get(name);
    return createEmbedder(p, p.defaults());
  }

  /** A new embedder of the named kind, from string settings or a typed configuration. */
  public static Embedder embedder(String name, Object config) {
    EmbedderProvider<?> p = ProviderRegistry.of(EmbedderProvider.class).get(name);
    return createEmbedder(p, config);
  }

  private static <C> Embedder createEmbedder(EmbedderProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /**
   * A new image embedder of the named kind.
   *
   * @throws InvalidArgumentException if that embedder has no image side
   */
  public static ImageEmbedder imageEmbedder(String name, Object config) {
    Embedder e = config == null ? embedder(name) : embedder(name, config);
    if (e instanceof ImageEmbedder ie) {
      return ie;
    }
    e.close();
    throw new InvalidArgumentException("embedder '" + name + "' does not embed images; choose one of the image embedders");
  }

  /** A new recommender of the named kind over {@code index}, with its default configuration. */
  public static Recommender recommender(String name, VectorIndex index) {
    RecommenderProvider<?> p = ProviderRegistry.of(RecommenderProvider.class).get(name);
    return createRecommender(p, index, p.defaults());
  }

  /** A new recommender of the named kind over {@code index}, from settings or a typed configuration. */
  public static Recommender recommender(String name, VectorIndex index, Object config) {
    RecommenderProvider<?> p = ProviderRegistry.of(RecommenderProvider.class).get(name);
    return createRecommender(p, index, config);
  }

  private static <C> Recommender createRecommender(RecommenderProvider<C> p, VectorIndex index, Object config) {
    return p.create(index, configOf(p, config));
  }

  /** A clusterer of the named kind (artsim-recommend ships {@code fasterpam}) with its default configuration. */
  public static Clusterer clusterer(String name) {
    ClustererProvider<?> p = ProviderRegistry.of(ClustererProvider.class).get(name);
    return createClusterer(p, p.defaults());
  }

  private static <C> Clusterer createClusterer(ClustererProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** A uniqueness scorer of the named kind (artsim-recommend ships FiftyOne's rules) with its default configuration. */
  public static UniquenessScorer uniqueness(String name) {
    UniquenessProvider<?> p = ProviderRegistry.of(UniquenessProvider.class).get(name);
    return createUniqueness(p, p.defaults());
  }

  private static <C> UniquenessScorer createUniqueness(UniquenessProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** A near-duplicate finder of the named kind (artsim-recommend ships FiftyOne's greedy rule) with its default configuration. */
  public static DuplicateFinder duplicateFinder(String name) {
    DuplicateFinderProvider<?> p = ProviderRegistry.of(DuplicateFinderProvider.class).get(name);
    return createDuplicateFinder(p, p.defaults());
  }

  private static <C> DuplicateFinder createDuplicateFinder(DuplicateFinderProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** An image quality meter of the named kind (artsim-embed ships {@code pixels}) with its default configuration. */
  public static ImageQualityMeter imageQualityMeter(String name) {
    ImageQualityMeterProvider<?> p = ProviderRegistry.of(ImageQualityMeterProvider.class).get(name);
    return createMeter(p, p.defaults());
  }

  private static <C> ImageQualityMeter createMeter(ImageQualityMeterProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** Turns a map into the provider's config, or checks that a typed config has the provider's type. */
  private static <C> C configOf(Provider<C> p, Object config) {
    if (config == null) {
      return p.defaults();
    }
    if (config instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      var settings = (Map<String, String>) m;
      return p.parse(settings);
    }
    if (!p.configType().isInstance(config)) {
      throw new ConfigException(
          "'" + p.name() + "' is configured with " + p.configType().getSimpleName() + ", not " + config.getClass().getSimpleName()
              + "; pass " + p.configType().getSimpleName() + ".defaults() or a Map of settings");
    }
    return p.configType().cast(config);
  }
}
