package org.artsim.embed.contract;

import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.embed.ClipConfig;
import org.artsim.embed.Fixtures;
import org.artsim.testing.EmbedderContract;
import org.junit.jupiter.api.Nested;

/** The {@code clip} embedder passes both the image and the text suites of the contract, for both model forms. */
class ClipEmbedderContractTest {

  /** One TorchScript model with exported methods. */
  @Nested
  class TorchScript extends EmbedderContract {
    @Override
    protected Embedder newEmbedder() {
      return Artsim.embedder(ClipConfig.defaults().withModel(Fixtures.path("clip/tiny_clip.pt")).withTokenizer(Fixtures.path("clip/tokenizer.json").toString()));
    }
  }

  /** The two ONNX towers in one directory, tokenizer beside them. */
  @Nested
  class Onnx extends EmbedderContract {
    @Override
    protected Embedder newEmbedder() {
      return Artsim.embedder(ClipConfig.defaults().withModel(Fixtures.path("clip")).withBatchSize(3));
    }
  }
}
