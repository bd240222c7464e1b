package org.artsim.examples;

import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ProviderSettings;
import org.artsim.spi.ClustererProvider;
import org.artsim.spi.DuplicateFinderProvider;
import org.artsim.spi.EmbedderProvider;
import org.artsim.spi.ImageQualityMeterProvider;
import org.artsim.spi.Provider;
import org.artsim.spi.ProviderRegistry;
import org.artsim.spi.RecommenderProvider;
import org.artsim.spi.TextIndexProvider;
import org.artsim.spi.UniquenessProvider;

/**
 * The collection configuration the example tests run with: the real defaults ("color", "tfidf",
 * "likes", "fasterpam", "fiftyone", "greedy", "pixels") where their modules provide them, else
 * artsim-collection's test fakes ("test-image", "test-text", "test-likes", "test-clusterer",
 * "test-uniqueness", "test-duplicates", "test-quality"), so that the tests stand while a module is
 * still missing. Which one ran is printed.
 */
final class TestProviders {
  private TestProviders() {}

  private static <P extends Provider<?>> boolean installed(Class<P> kind, String name) {
    return ProviderRegistry.of(kind).find(name).isPresent();
  }

  static CollectionConfig config() {
    var d = CollectionConfig.defaults();
    var c = d;
    if (!installed(EmbedderProvider.class, d.embedder().provider())) {
      c = c.withEmbedder(ProviderSettings.of("test-image"));
    }
    if (!installed(TextIndexProvider.class, d.textIndex().provider())) {
      c = c.withTextIndex(ProviderSettings.of("test-text"));
    }
    if (!installed(RecommenderProvider.class, d.recommender().provider())) {
      c = c.withRecommender(ProviderSettings.of("test-likes"));
    }
    if (!installed(ClustererProvider.class, d.clusterer().provider())) {
      c = c.withClusterer(ProviderSettings.of("test-clusterer"));
    }
    if (!installed(UniquenessProvider.class, d.uniqueness().provider())) {
      c = c.withUniqueness(ProviderSettings.of("test-uniqueness"));
    }
    if (!installed(DuplicateFinderProvider.class, d.duplicateFinder().provider())) {
      c = c.withDuplicateFinder(ProviderSettings.of("test-duplicates"));
    }
    if (!installed(ImageQualityMeterProvider.class, d.qualityMeter().provider())) {
      c = c.withQualityMeter(ProviderSettings.of("test-quality"));
    }
    System.err.println("example tests run with " + c);
    return c;
  }

  /** Whether every default provider is installed (so the run is the real demo). */
  static boolean realDefaults() {
    return config().equals(CollectionConfig.defaults());
  }
}
