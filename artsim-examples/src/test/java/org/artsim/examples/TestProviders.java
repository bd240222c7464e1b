package org.artsim.examples;

import org.artsim.collection.CollectionConfig;
import org.artsim.spi.EmbedderProvider;
import org.artsim.spi.ProviderRegistry;
import org.artsim.spi.RecommenderProvider;
import org.artsim.spi.TextIndexProvider;

/**
 * The collection configuration the example tests run with: the real defaults ("color", "tfidf",
 * "likes") where their modules provide them, else artsim-collection's test fakes ("test-image",
 * "test-text", "test-likes"), so that the tests stand while a module is still missing. Which one
 * ran is printed.
 */
final class TestProviders {
  private TestProviders() {}

  static CollectionConfig config() {
    var d = CollectionConfig.defaults();
    var c = d;
    if (ProviderRegistry.of(EmbedderProvider.class).find(d.embedder()).isEmpty()) {
      c = c.withEmbedder("test-image");
    }
    if (ProviderRegistry.of(TextIndexProvider.class).find(d.textIndex()).isEmpty()) {
      c = c.withTextIndex("test-text");
    }
    if (ProviderRegistry.of(RecommenderProvider.class).find(d.recommender()).isEmpty()) {
      c = c.withRecommender("test-likes");
    }
    System.err.println("example tests run with embedder=" + c.embedder() + ", text=" + c.textIndex() + ", recommender=" + c.recommender());
    return c;
  }

  /** Whether every default provider is installed (so the run is the real demo). */
  static boolean realDefaults() {
    return config().equals(CollectionConfig.defaults());
  }
}
