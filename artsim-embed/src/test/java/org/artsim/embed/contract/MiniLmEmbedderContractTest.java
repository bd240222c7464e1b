package org.artsim.embed.contract;

import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.embed.minilm.MiniLmConfig;
import org.artsim.testing.EmbedderContract;

/** The {@code minilm} text embedder passes the api's embedder contract (text suite). */
class MiniLmEmbedderContractTest extends EmbedderContract {
  @Override
  protected Embedder newEmbedder() {
    return Artsim.embedder(MiniLmConfig.defaults().withBatchSize(4));
  }
}
