package org.artsim.recommend.unique;

import org.artsim.ProgressListener;
import org.artsim.analysis.UniquenessScorer;

/** The scorers the uniqueness providers create: each reads the listed items once and applies its rule. */
final class UniquenessProviders {
  private UniquenessProviders() {}

  static UniquenessScorer fiftyone(FiftyOneUniquenessConfig config) {
    return (index, ids) -> {
      var items = ItemVectors.of(index, ids);
      return items.keyed(FiftyOneRule.scores(items.vectors(), config.exactLimit()));
    };
  }

  static UniquenessScorer fiftyone017() {
    return (index, ids) -> {
      var items = ItemVectors.of(index, ids);
      return items.keyed(FiftyOne017Rule.scores(items.vectors()));
    };
  }

  static UniquenessScorer knnDistance() {
    return (index, ids) -> {
      var items = ItemVectors.of(index, ids);
      return items.keyed(KnnDistanceRule.scores(index, items, ProgressListener.NONE));
    };
  }
}
