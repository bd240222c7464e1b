package org.artsim.collection.fakes;

import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.testing.EmbedderContract;

/**
 * The {@code "test-image"} fake, as the collection's tests find it, against the api's embedder
 * contract. Its vectors are mean colours, not unit length: the contract's {@link #normalised()}
 * hook says so.
 */
class FakeImageEmbedderContractTest extends EmbedderContract {
  @Override
  protected Embedder newEmbedder() {
    return Artsim.embedder("test-image");
  }

  @Override
  protected boolean normalised() {
    return false;
  }
}
