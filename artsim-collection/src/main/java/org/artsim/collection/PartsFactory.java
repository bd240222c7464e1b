package org.artsim.collection;

import java.util.Map;
import java.util.function.Function;
import java.util.function.BiFunction;
import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.ImageEmbedder;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.Recommender;
import org.artsim.TextEmbedder;
import org.artsim.TextIndex;
import org.artsim.UnknownProviderException;
import org.artsim.VectorIndex;
import org.artsim.analysis.Clusterer;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.analysis.ImageQualityMeter;
import org.artsim.analysis.UniquenessScorer;
import org.artsim.spi.ProviderConfig;
import org.artsim.spi.ProviderRegistry;
import org.artsim.spi.TextIndexProvider;
import org.artsim.spi.VectorIndexProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a collection's components from its {@link CollectionConfig}, through the api's provider
 * lookup only; the one place that turns names into parts, shared by creating and loading a
 * collection. A missing provider is an {@link UnknownProviderException} that says which default
 * ships where.
 */
final class PartsFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PartsFactory.class);

  private final CollectionConfig config;

  PartsFactory(CollectionConfig config) {
    this.config = config;
  }

  CollectionConfig config() {
    return config;
  }

  private static UnknownProviderException missing(String role, ProviderConfig c, UnknownProviderException e, String hint) {
    return new UnknownProviderException("the collection's " + role + " '" + c.provider() + "' is not installed: " + e.getMessage() + " (" + hint + ")", e);
  }

  /** The embedder the config names. */
  ImageEmbedder embedder() {
    ProviderConfig c = config.embedder();
    try {
      if (!(c instanceof ProviderSettings s)) {
        return Artsim.imageEmbedder(c);
      }
      Embedder e = Artsim.embedder(s.provider(), s.settings());
      if (e instanceof ImageEmbedder ie) {
        return ie;
      }
      e.close();
      throw new InvalidArgumentException("the collection's embedder '" + s.provider() + "' does not embed images; choose an image embedder ('color', 'cnn', 'clip')");
    } catch (UnknownProviderException e) {
      throw missing("embedder", c, e, "the default 'color' ships in org.artsim:artsim-embed; or pass an ImageEmbedder to ArtCollection.builder().embedder(...)");
    }
  }

  /** The index provider for a collection of {@code size} items. */
  String indexKindFor(int size) {
    if (!config.autoChoosesIndex()) {
      return config.index().provider();
    }
    AutoIndex auto = config.autoIndex();
    if (size >= auto.threshold()) {
      var registry = ProviderRegistry.of(VectorIndexProvider.class);
      for (String approximate : auto.approximate()) {
        if (registry.find(approximate).isPresent()) {
          return approximate;
        }
      }
      LOG.warn("{} items are past the auto-index threshold of {}, but none of {} is installed; using the exact '{}' index", size, auto.threshold(), auto.approximate(), auto.exact());
    }
    return auto.exact();
  }

  /** A new, empty index of the kind right for {@code size} items. */
  VectorIndex index(int dimension, Metric metric, int size) {
    String kind = indexKindFor(size);
    ProviderConfig c = config.index();
    if (c instanceof ProviderSettings s) {
      return Artsim.index(kind, dimension, metric, s.settings());
    }
    return Artsim.index(c, dimension, metric);
  }

  /** A new, empty index of the exact kind ({@link AutoIndex#exact()}, default settings). */
  VectorIndex exactIndex(int dimension, Metric metric) {
    return Artsim.index(config.autoIndex().exact(), dimension, metric);
  }

  /**
   * The text embedder of dense text search, or null when none is named.
   *
   * @throws UnknownProviderException if it is not installed
   * @throws InvalidArgumentException if it does not embed texts
   */
  TextEmbedder textEmbedder() {
    ProviderConfig c = config.textEmbedder();
    if (!config.denseTextSearch()) {
      return null;
    }
    try {
      Embedder e = c instanceof ProviderSettings s ? Artsim.embedder(s.provider(), s.settings()) : Artsim.embedder(c);
      if (e instanceof TextEmbedder te) {
        return te;
      }
      e.close();
      throw new InvalidArgumentException("the collection's text embedder '" + c.provider() + "' does not embed texts; choose a text embedder ('minilm', 'clip')");
    } catch (UnknownProviderException e) {
      throw missing("text embedder", c, e, "'minilm' ships in org.artsim:artsim-embed with an ONNX Runtime engine");
    }
  }

  /** The text index, or null when text search is off or its provider is not installed (logged). */
  TextIndex text() {
    ProviderConfig c = config.textIndex();
    if (!config.textSearch()) {
      return null;
    }
    if (ProviderRegistry.of(TextIndexProvider.class).find(c.provider()).isEmpty()) {
      LOG.warn(
          "text search is off: no text index named '{}' is installed (the default 'tfidf' ships in org.artsim:artsim-text); installed: {}",
          c.provider(),
          ProviderRegistry.of(TextIndexProvider.class).names());
      return null;
    }
    return c instanceof ProviderSettings s ? Artsim.textIndex(s.provider(), s.settings()) : Artsim.textIndex(c);
  }

  /** The recommender over {@code index}. */
  Recommender recommender(VectorIndex index) {
    ProviderConfig c = config.recommender();
    try {
      if (c instanceof ProviderSettings s) {
        return s.settings().isEmpty() ? Artsim.recommender(s.provider(), index) : Artsim.recommender(s.provider(), index, s.settings());
      }
      return Artsim.recommender(c, index);
    } catch (UnknownProviderException e) {
      throw missing("recommender", c, e, "the default 'likes' ships in org.artsim:artsim-recommend");
    }
  }

  /**
   * An analysis component from its config: a name with settings ({@link ProviderSettings}) or its
   * provider's own typed config; a missing provider is named with where artsim's default ships.
   */
  private static <T> T analysis(
      String role, ProviderConfig c, BiFunction<String, Map<String, ?>, T> byName, Function<ProviderConfig, T> typed, String home) {
    try {
      return c instanceof ProviderSettings s ? byName.apply(s.provider(), s.settings()) : typed.apply(c);
    } catch (UnknownProviderException e) {
      throw missing(role, c, e, home);
    }
  }

  Clusterer clusterer() {
    return analysis("clusterer", config.clusterer(), Artsim::clusterer, Artsim::clusterer,
        "the default 'fasterpam' ships in org.artsim:artsim-recommend");
  }

  UniquenessScorer uniqueness() {
    return analysis("uniqueness scorer", config.uniqueness(), Artsim::uniqueness, Artsim::uniqueness,
        "the defaults 'fiftyone' and 'fiftyone-0.17' ship in org.artsim:artsim-recommend");
  }

  DuplicateFinder duplicateFinder() {
    return analysis("duplicate finder", config.duplicateFinder(), Artsim::duplicateFinder, Artsim::duplicateFinder,
        "the default 'greedy' ships in org.artsim:artsim-recommend");
  }

  ImageQualityMeter qualityMeter() {
    return analysis("image quality meter", config.qualityMeter(), Artsim::imageQualityMeter, Artsim::imageQualityMeter,
        "the default 'pixels' ships in org.artsim:artsim-embed");
  }
}
