package org.artsim.spi;

import org.artsim.analysis.UniquenessScorer;

/**
 * Creates one kind of {@link UniquenessScorer} (scores how unique items are).
 *
 * @param <C> the configuration type
 */
public interface UniquenessProvider<C> extends Provider<C> {

  /** A ready {@link UniquenessScorer} configured by {@code config}. */
  UniquenessScorer create(C config);
}
