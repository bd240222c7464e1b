package org.artsim.spi;

import org.artsim.analysis.DuplicateFinder;

/**
 * Creates one kind of {@link DuplicateFinder} (finds near-duplicate groups).
 *
 * @param <C> the configuration type
 */
public interface DuplicateFinderProvider<C> extends Provider<C> {

  /** A ready {@link DuplicateFinder} configured by {@code config}. */
  DuplicateFinder create(C config);
}
