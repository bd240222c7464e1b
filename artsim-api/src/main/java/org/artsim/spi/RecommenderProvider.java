package org.artsim.spi;

import org.artsim.Recommender;
import org.artsim.VectorIndex;

/**
 * Creates one kind of {@link Recommender} over a {@link VectorIndex}.
 *
 * @param <C> the recommender's configuration type
 */
public interface RecommenderProvider<C> extends Provider<C> {

  /** A recommender that recommends items of {@code index}. */
  Recommender create(VectorIndex index, C config);
}
