package org.artsim.collection;

import java.nio.file.Path;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.sample.SampleCatalogue;

/** Shared test setup: collections of the test fakes over generated catalogues. */
final class Fixtures {
  private Fixtures() {}

  /** The fakes' configuration: "test-image" embedder, flat index, "test-text", "test-likes". */
  static CollectionConfig fakes() {
    return CollectionConfig.defaults().withEmbedder("test-image").withTextIndex("test-text").withRecommender("test-likes");
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
