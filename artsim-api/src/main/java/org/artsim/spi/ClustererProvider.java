package org.artsim.spi;

import org.artsim.analysis.Clusterer;

/**
 * Creates one kind of {@link Clusterer} (groups items around medoids).
 *
 * @param <C> the configuration type
 */
public interface ClustererProvider<C> extends Provider<C> {

  /** A ready {@link Clusterer} configured by {@code config}. */
  Clusterer create(C config);
}
