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
import org.artsim.spi.ProviderConfig;
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

  /**
   * A new vector index of the named kind, configured from settings ({@code Map.of("m", 32)}): values
   * may be strings, numbers, booleans or enum constants.
   *
   * @throws ConfigException naming the provider and the key of an unknown key or a bad value
   */
  public static VectorIndex index(String name, int dimension, Metric metric, Map<String, ?> settings) {
    VectorIndexProvider<?> p = ProviderRegistry.of(VectorIndexProvider.class).get(name);
    return createIndex(p, dimension, metric, p.parse(Settings.asStrings(p.name(), settings)));
  }

  /**
   * A new vector index configured by a typed configuration that names its provider, e.g. {@code
   * Artsim.index(HnswConfig.defaults().withM(32), 512, Metric.COSINE)}.
   */
  public static VectorIndex index(ProviderConfig config, int dimension, Metric metric) {
    VectorIndexProvider<?> p = ProviderRegistry.of(VectorIndexProvider.class).get(providerOf(config));
    return createIndex(p, dimension, metric, config);
  }

  /**
   * A new vector index of the named kind with a typed configuration.
   *
   * @deprecated use {@link #index(ProviderConfig, int, Metric)}, whose configuration names its
   *     provider, or {@link #index(String, int, Metric, Map)}
   */
  @Deprecated(forRemoval = true)
  public static VectorIndex index(String name, int dimension, Metric metric, Object config) {
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
   * A vector index saved with {@link VectorIndex#save}; the provider is found by the format name in
   * the file's header.
   *
   * @throws FileFormatException if the file is not a vector index or is damaged
   */
  public static VectorIndex loadIndex(Path path) {
    String format = formatOf(path);
    for (VectorIndexProvider<?> p : ProviderRegistry.of(VectorIndexProvider.class).all()) {
      if (p.formatName().equals(format)) {
        return p.load(path);
      }
    }
    throw unreadable(path, format, "vector index", INDEX_FORMAT_PREFIX, ProviderRegistry.of(VectorIndexProvider.class));
  }

  private static String formatOf(Path path) {
    if (path == null) {
      throw new InvalidArgumentException("path is null; pass the file to load");
    }
    return ArtsimFiles.peek(path).format();
  }

  private static ArtsimException unreadable(Path path, String format, String what, String prefix, ProviderRegistry<?> kind) {
    if (!format.startsWith(prefix)) {
      return new FileFormatException(path + " holds a '" + format + "', not a " + what);
    }
    return new UnknownProviderException(
        path + " holds a " + what + " of format '" + format + "' that no installed provider reads; "
            + kind.installedAndWhere());
  }

  /** A new text index of the named kind with its default configuration. */
  public static TextIndex textIndex(String name) {
    TextIndexProvider<?> p = ProviderRegistry.of(TextIndexProvider.class).get(name);
    return createText(p, p.defaults());
  }

  /** A new text index of the named kind, configured from settings (strings, numbers, booleans, enums). */
  public static TextIndex textIndex(String name, Map<String, ?> settings) {
    TextIndexProvider<?> p = ProviderRegistry.of(TextIndexProvider.class).get(name);
    return createText(p, p.parse(Settings.asStrings(p.name(), settings)));
  }

  /** A new text index configured by a typed configuration that names its provider. */
  public static TextIndex textIndex(ProviderConfig config) {
    TextIndexProvider<?> p = ProviderRegistry.of(TextIndexProvider.class).get(providerOf(config));
    return createText(p, config);
  }

  /**
   * A new text index of the named kind with a typed configuration.
   *
   * @deprecated use {@link #textIndex(ProviderConfig)} or {@link #textIndex(String, Map)}
   */
  @Deprecated(forRemoval = true)
  public static TextIndex textIndex(String name, Object config) {
    TextIndexProvider<?> p = ProviderRegistry.of(TextIndexProvider.class).get(name);
    return createText(p, config);
  }

  private static <C> TextIndex createText(TextIndexProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** A text index saved with {@link TextIndex#save}; the provider is found by the file's format name. */
  public static TextIndex loadTextIndex(Path path) {
    String format = formatOf(path);
    for (TextIndexProvider<?> p : ProviderRegistry.of(TextIndexProvider.class).all()) {
      if (p.formatName().equals(format)) {
        return p.load(path);
      }
    }
    throw unreadable(path, format, "text index", TEXT_INDEX_FORMAT_PREFIX, ProviderRegistry.of(TextIndexProvider.class));
  }

  /** A new embedder of the named kind with its default configuration. */
  public static Embedder embedder(String name) {
    EmbedderProvider<?> p = ProviderRegistry.of(EmbedderProvider.class).get(name);
    return createEmbedder(p, p.defaults());
  }

  /** A new embedder of the named kind, configured from settings (strings, numbers, booleans, enums). */
  public static Embedder embedder(String name, Map<String, ?> settings) {
    EmbedderProvider<?> p = ProviderRegistry.of(EmbedderProvider.class).get(name);
    return createEmbedder(p, p.parse(Settings.asStrings(p.name(), settings)));
  }

  /** A new embedder configured by a typed configuration that names its provider. */
  public static Embedder embedder(ProviderConfig config) {
    EmbedderProvider<?> p = ProviderRegistry.of(EmbedderProvider.class).get(providerOf(config));
    return createEmbedder(p, config);
  }

  /**
   * A new embedder of the named kind with a typed configuration.
   *
   * @deprecated use {@link #embedder(ProviderConfig)} or {@link #embedder(String, Map)}
   */
  @Deprecated(forRemoval = true)
  public static Embedder embedder(String name, Object config) {
    EmbedderProvider<?> p = ProviderRegistry.of(EmbedderProvider.class).get(name);
    return createEmbedder(p, config);
  }

  private static <C> Embedder createEmbedder(EmbedderProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /**
   * A new image embedder configured by a typed configuration that names its provider.
   *
   * @throws InvalidArgumentException if that embedder has no image side
   */
  public static ImageEmbedder imageEmbedder(ProviderConfig config) {
    return imageSide(embedder(config), providerOf(config));
  }

  /**
   * A new image embedder of the named kind with its default configuration.
   *
   * @throws InvalidArgumentException if that embedder has no image side
   */
  public static ImageEmbedder imageEmbedder(String name) {
    return imageSide(embedder(name), name);
  }

  /**
   * A new image embedder of the named kind.
   *
   * @throws InvalidArgumentException if that embedder has no image side
   * @deprecated use {@link #imageEmbedder(ProviderConfig)} or {@link #imageEmbedder(String)}
   */
  @Deprecated(forRemoval = true)
  public static ImageEmbedder imageEmbedder(String name, Object config) {
    return imageSide(config == null ? embedder(name) : embedder(name, config), name);
  }

  private static ImageEmbedder imageSide(Embedder e, String name) {
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

  /** A new recommender over {@code index} configured by a typed configuration that names its provider. */
  public static Recommender recommender(ProviderConfig config, VectorIndex index) {
    RecommenderProvider<?> p = ProviderRegistry.of(RecommenderProvider.class).get(providerOf(config));
    return createRecommender(p, index, config);
  }

  /**
   * A new recommender of the named kind over {@code index}, from settings or a typed configuration.
   *
   * @deprecated use {@link #recommender(ProviderConfig, VectorIndex)}
   */
  @Deprecated(forRemoval = true)
  public static Recommender recommender(String name, VectorIndex index, Object config) {
    RecommenderProvider<?> p = ProviderRegistry.of(RecommenderProvider.class).get(name);
    return createRecommender(p, index, config);
  }

  private static <C> Recommender createRecommender(RecommenderProvider<C> p, VectorIndex index, Object config) {
    if (index == null) {
      throw new InvalidArgumentException("index is null; pass the index whose works the recommender suggests");
    }
    return p.create(index, configOf(p, config));
  }

  /** A clusterer of the named kind (artsim-recommend ships {@code fasterpam}) with its default configuration. */
  public static Clusterer clusterer(String name) {
    ClustererProvider<?> p = ProviderRegistry.of(ClustererProvider.class).get(name);
    return createClusterer(p, p.defaults());
  }

  /** A clusterer configured by a typed configuration that names its provider. */
  public static Clusterer clusterer(ProviderConfig config) {
    ClustererProvider<?> p = ProviderRegistry.of(ClustererProvider.class).get(providerOf(config));
    return createClusterer(p, config);
  }

  private static <C> Clusterer createClusterer(ClustererProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** A uniqueness scorer of the named kind (artsim-recommend ships FiftyOne's rules) with its default configuration. */
  public static UniquenessScorer uniqueness(String name) {
    UniquenessProvider<?> p = ProviderRegistry.of(UniquenessProvider.class).get(name);
    return createUniqueness(p, p.defaults());
  }

  /** A uniqueness scorer configured by a typed configuration that names its provider. */
  public static UniquenessScorer uniqueness(ProviderConfig config) {
    UniquenessProvider<?> p = ProviderRegistry.of(UniquenessProvider.class).get(providerOf(config));
    return createUniqueness(p, config);
  }

  private static <C> UniquenessScorer createUniqueness(UniquenessProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** A near-duplicate finder of the named kind (artsim-recommend ships FiftyOne's greedy rule) with its default configuration. */
  public static DuplicateFinder duplicateFinder(String name) {
    DuplicateFinderProvider<?> p = ProviderRegistry.of(DuplicateFinderProvider.class).get(name);
    return createDuplicateFinder(p, p.defaults());
  }

  /** A near-duplicate finder configured by a typed configuration that names its provider. */
  public static DuplicateFinder duplicateFinder(ProviderConfig config) {
    DuplicateFinderProvider<?> p = ProviderRegistry.of(DuplicateFinderProvider.class).get(providerOf(config));
    return createDuplicateFinder(p, config);
  }

  private static <C> DuplicateFinder createDuplicateFinder(DuplicateFinderProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  /** An image quality meter of the named kind (artsim-embed ships {@code pixels}) with its default configuration. */
  public static ImageQualityMeter imageQualityMeter(String name) {
    ImageQualityMeterProvider<?> p = ProviderRegistry.of(ImageQualityMeterProvider.class).get(name);
    return createMeter(p, p.defaults());
  }

  /** An image quality meter configured by a typed configuration that names its provider. */
  public static ImageQualityMeter imageQualityMeter(ProviderConfig config) {
    ImageQualityMeterProvider<?> p = ProviderRegistry.of(ImageQualityMeterProvider.class).get(providerOf(config));
    return createMeter(p, config);
  }

  private static <C> ImageQualityMeter createMeter(ImageQualityMeterProvider<C> p, Object config) {
    return p.create(configOf(p, config));
  }

  private static String providerOf(ProviderConfig config) {
    if (config == null) {
      throw new InvalidArgumentException("config is null; pass a configuration such as HnswConfig.defaults(), or use the overload that takes a provider name");
    }
    String name = config.provider();
    if (name == null || name.isBlank()) {
      throw new ConfigException(config.getClass().getName() + ".provider() returned no name; it must name the provider it configures");
    }
    return name;
  }

  /** Turns a map into the provider's config, or checks that a typed config has the provider's type. */
  private static <C> C configOf(Provider<C> p, Object config) {
    if (config == null) {
      return p.defaults();
    }
    if (config instanceof Map<?, ?> m) {
      return p.parse(Settings.asStrings(p.name(), m));
    }
    if (!p.configType().isInstance(config)) {
      throw new ConfigException(
          "'" + p.name() + "' is configured with " + p.configType().getSimpleName() + ", not " + config.getClass().getSimpleName()
              + "; pass " + p.configType().getSimpleName() + ".defaults() (or a copy of it) or a Map of settings");
    }
    return p.configType().cast(config);
  }
}
