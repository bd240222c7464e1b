package org.artsim.collection.fakes;

import org.artsim.Artsim;
import org.artsim.Recommender;
import org.artsim.VectorIndex;
import org.artsim.testing.RecommenderContract;

/** The {@code "test-likes"} fake, as the collection's tests find it, against the api's recommender contract. */
class FakeRecommenderContractTest extends RecommenderContract {
  @Override
  protected Recommender newRecommender(VectorIndex index) {
    return Artsim.recommender("test-likes", index);
  }
}
