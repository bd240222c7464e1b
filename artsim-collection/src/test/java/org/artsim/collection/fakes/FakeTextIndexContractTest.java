package org.artsim.collection.fakes;

import org.artsim.Artsim;
import org.artsim.TextIndex;
import org.artsim.testing.TextIndexContract;

/** The {@code "test-text"} fake, as the collection's tests find it, against the api's text-index contract. */
class FakeTextIndexContractTest extends TextIndexContract {
  @Override
  protected TextIndex newIndex() {
    return Artsim.textIndex("test-text");
  }
}
