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

    check(ProviderRegistry.of(EmbedderProvider.class).find("color").isPresent(), "artsim-collection brings the default 'color' embedder");
    {
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
    }
  }

  /** artsim-collection alone (the default, weights-free embedder) stays small: no native engines. */
  @Test
  void theClassPathOfACollectionUserIsSlim() throws Exception {
    long bytes = 0;
    var jars = new java.util.ArrayList<String>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      boolean testTooling = name.startsWith("junit-") || name.startsWith("opentest4j") || name.startsWith("apiguardian") || name.startsWith("surefire")
          || name.startsWith("common-") || name.startsWith("maven-surefire");
      if (name.endsWith(".jar") && !testTooling) {
        bytes += Files.size(p);
        jars.add(name);
      }
    }
    System.out.printf("runtime class path: %d jars, %.1f MB: %s%n", jars.size(), bytes / 1e6, jars);
    check(bytes < 40_000_000L, "class path under 40 MB, got " + bytes + " bytes: " + jars);
    check(jars.stream().noneMatch(j -> j.contains("native")), "no native engine jars: " + jars);
  }

  /** Asking for a model-backed embedder without an engine names the artifact to add. */
  @Test
  void aModelBackedEmbedderWithoutAnEngineNamesTheArtifactToAdd() throws Exception {
    Path model = Files.createTempFile("model", ".pt");
    try {
      Artsim.embedder("cnn", java.util.Map.of("model", model.toString()));
      throw new AssertionError("a cnn embedder without an engine must be refused");
    } catch (org.artsim.ModelLoadException e) {
      check(e.getMessage().contains("artsim-engine-pytorch"), "message names the engine artifact: " + e.getMessage());
    }
  }
}
