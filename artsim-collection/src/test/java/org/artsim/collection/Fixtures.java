package org.artsim.collection;

import java.nio.file.Path;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.sample.SampleCatalogue;

/** Shared test setup: collections of the test fakes over generated catalogues. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * The fakes' configuration: "test-image" embedder, auto index (flat), "test-text", "test-likes",
   * and the analysis fakes "test-clusterer", "test-uniqueness", "test-duplicates", "test-quality".
   */
  public static CollectionConfig fakes() {
    return CollectionConfig.defaults()
        .withEmbedder(ProviderSettings.of("test-image"))
        .withTextIndex(ProviderSettings.of("test-text"))
        .withRecommender(ProviderSettings.of("test-likes"))
        .withClusterer(ProviderSettings.of("test-clusterer"))
        .withUniqueness(ProviderSettings.of("test-uniqueness"))
        .withDuplicateFinder(ProviderSettings.of("test-duplicates"))
        .withQualityMeter(ProviderSettings.of("test-quality"));
  }

  /** Generates {@code n} works into {@code dir} and ingests them into a new fakes collection. */
  static ArtCollection ingested(Path dir, int n) {
    Path csv = SampleCatalogue.write(dir, n, SampleCatalogue.DEFAULT_SEED);
    var c = ArtCollection.create(fakes());
    var report = c.ingest(csv, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")));
    if (report.added() != n) {
      throw new AssertionError(report.toString());
    }
    return c;
  }
}
