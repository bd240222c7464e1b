package com.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.LabelFilter;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ProviderSettings;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.Test;

/** A user who adds artsim-engine-pytorch runs a TorchScript CNN, alone and behind a collection. */
class EngineConsumerTest {
  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  private static Path model() throws Exception {
    Path model = Files.createTempDirectory("model").resolve("tiny_resnet.pt");
    try (var in = EngineConsumerTest.class.getResourceAsStream("/tiny_resnet.pt")) {
      Files.copy(in, model);
    }
    return model;
  }

  @Test
  void aTorchScriptCnnEmbedsAndACollectionSearchesWithIt() throws Exception {
    Path model = model();
    try (var cnn = Artsim.imageEmbedder("cnn", Map.of("model", model.toString()))) {
      var image = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
      float[] v = cnn.embedImage(image);
      check(v.length == cnn.dimension(), "vector of the model's dimension: " + v.length);
      System.out.println("embedder: " + cnn);
    }
    Path dir = Files.createTempDirectory("consumer-engine");
    var config = CollectionConfig.defaults().withEmbedder(ProviderSettings.of("cnn", Map.of("model", model.toString())));
    try (var art = ArtCollection.create(config)) {
      var report = art.ingest(SampleCatalogue.write(dir, 24, 3), ColumnMapping.standard());
      check(report.added() == 24, report.toString());
      var similar = art.similarTo("w-0001", 3, LabelFilter.none());
      check(similar.size() == 3, "similarTo: " + similar);
    }
  }
}
