package org.artsim.collection.fakes;

import org.artsim.Artsim;
import org.artsim.Embedder;
import org.artsim.testing.EmbedderContract;

/** The {@code "test-words"} fake, as the collection's tests find it, against the api's embedder contract. */
class FakeTextEmbedderContractTest extends EmbedderContract {
  @Override
  protected Embedder newEmbedder() {
    return Artsim.embedder("test-words");
  }
}
