package org.artsim.recommend.likes;

import org.artsim.Artsim;
import org.artsim.Recommender;
import org.artsim.VectorIndex;
import org.artsim.testing.RecommenderContract;
import org.junit.jupiter.api.Nested;

/** The recommender contract, run by the "likes" recommender in each of its modes. */
class LikesRecommenderContractTest {

  /** One taste: the mean of the likes. */
  @Nested
  class Default extends RecommenderContract {
    @Override
    protected Recommender newRecommender(VectorIndex index) {
      return Artsim.recommender(LikesConfig.defaults(), index);
    }
  }

  /** Several tastes served in turn. */
  @Nested
  class MultiInterest extends RecommenderContract {
    @Override
    protected Recommender newRecommender(VectorIndex index) {
      return Artsim.recommender(LikesConfig.defaults().withMultiInterest(true).withMinSilhouette(-1), index);
    }
  }

  /** Candidates re-ranked by a label (absent here, so every popularity is 0). */
  @Nested
  class Popularity extends RecommenderContract {
    @Override
    protected Recommender newRecommender(VectorIndex index) {
      return Artsim.recommender(LikesConfig.defaults().withPopularity("visits", 0.5), index);
    }
  }
}
