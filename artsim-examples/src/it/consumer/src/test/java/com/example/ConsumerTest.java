package com.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.sample.SampleCatalogue;
import org.artsim.spi.EmbedderProvider;
import org.artsim.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;

/** What a user of the published artifacts does: providers found by name, an index search, a collection. */
class ConsumerTest {
  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  @Test
  void providersAreFoundAndSearchesWork() throws Exception {
    var available = Artsim.available();
    System.out.println("installed: " + available);
    check(available.get("VectorIndex").contains("flat"), "flat is registered: " + available);

    var index = Artsim.index("flat", 3, Metric.COSINE);
    index.add("hokusai", new float[] {0.9f, 0.1f, 0.2f}, Labels.of("culture", "japanese"));
    index.add("monet", new float[] {0.2f, 0.9f, 0.3f}, Labels.of("culture", "french"));
    List<Hit> hits = index.search(new float[] {1f, 0.2f, 0.1f}, 1, LabelFilter.anyOf("culture", "french"));
    check(hits.get(0).id().equals("monet"), "conditioned search: " + hits);

    if (ProviderRegistry.of(EmbedderProvider.class).find("color").isPresent()) {
      Path dir = Files.createTempDirectory("consumer");
      try (var art = ArtCollection.create(CollectionConfig.defaults())) {
        var report = art.ingest(SampleCatalogue.write(dir, 48, 7), ColumnMapping.standard());
        check(report.added() == 48, report.toString());
        var similar = art.similarTo("w-0001", 3, LabelFilter.anyOf("culture", "dutch"));
        check(similar.size() == 3 && similar.stream().allMatch(h -> "dutch".equals(h.label("culture"))), "similarTo: " + similar);
        art.save(dir.resolve("saved"));
        try (var loaded = ArtCollection.load(dir.resolve("saved"))) {
          check(loaded.size() == 48, "loaded " + loaded);
        }
      }
    } else {
      System.out.println("the 'color' embedder is not installed: skipping the collection part");
    }
  }
}
