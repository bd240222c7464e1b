package org.artsim.spi;

import java.nio.file.Path;
import org.artsim.Metric;
import org.artsim.VectorIndex;

/**
 * Creates and loads one kind of {@link VectorIndex}.
 *
 * @param <C> the index's configuration type
 */
public interface VectorIndexProvider<C> extends Provider<C> {

  /** A new, empty index for vectors of {@code dimension} compared by {@code metric}. */
  VectorIndex create(int dimension, Metric metric, C config);

  /**
   * An index saved by an index of this kind.
   *
   * @throws org.artsim.FileFormatException if the file is not such an index, or is damaged
   */
  VectorIndex load(Path path);
}
