package org.artsim.embed.contract;

import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.embed.ColorConfig;
import org.artsim.testing.EmbedderContract;

/** The {@code color} embedder passes the api's embedder contract. */
class ColorEmbedderContractTest extends EmbedderContract {
  @Override
  protected Embedder newEmbedder() {
    return Artsim.embedder(ColorConfig.defaults());
  }
}
