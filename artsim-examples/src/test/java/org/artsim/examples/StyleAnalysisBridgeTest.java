package org.artsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.artsim.collection.ProviderSettings;
import org.artsim.collection.bridge.TextImageRoute;
import org.artsim.examples.workflows.StyleAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflow (d) without CLIP but with a text embedder (the "test-words" fake): it fits a text bridge and says so. */
class StyleAnalysisBridgeTest {
  @TempDir Path dir;

  @Test
  void withoutClipButWithATextEmbedderTheSearchGoesThroughAFittedTextBridge() {
    var buffer = new ByteArrayOutputStream();
    var log = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    var config = TestProviders.config().withTextEmbedder(ProviderSettings.of("test-words"));
    try (var art = DemoData.defaultCollection(dir, config, log)) {
      var r = StyleAnalysis.run(art, "a blue vase with cranes", 3, dir.resolve("out"), log);
      assertThat(r.route()).isEqualTo(TextImageRoute.BRIDGE);
      assertThat(r.textToImage()).isTrue();
      assertThat(r.search()).hasSize(5);
      assertThat(art.textBridge()).isPresent();
      assertThat(buffer.toString(StandardCharsets.UTF_8))
          .contains("text bridge fitted: text test-words[hashed-words, dim=64] -> image " + art.embedderInfo())
          .contains("no CLIP model: the search below maps the text into the image space through the collection's text bridge")
          .contains("text-to-image (text bridge) search \"a blue vase with cranes\"");
    }
  }
}
