package org.artsim.embed.contract;

import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.embed.CnnConfig;
import org.artsim.embed.Fixtures;
import org.artsim.testing.EmbedderContract;
import org.junit.jupiter.api.Nested;

/** The {@code cnn} embedder passes the api's embedder contract on PyTorch and on ONNX Runtime. */
class CnnEmbedderContractTest {

  /** TorchScript on PyTorch, batches of 2. */
  @Nested
  class TorchScript extends EmbedderContract {
    @Override
    protected Embedder newEmbedder() {
      return Artsim.embedder(CnnConfig.defaults().withModel(Fixtures.path("cnn/tiny_resnet.pt")).withBatchSize(2));
    }
  }

  /** ONNX on ONNX Runtime, batches of 4. */
  @Nested
  class Onnx extends EmbedderContract {
    @Override
    protected Embedder newEmbedder() {
      return Artsim.embedder(CnnConfig.defaults().withModel(Fixtures.path("cnn/tiny_resnet.onnx")).withBatchSize(4));
    }
  }
}
