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

  /**
   * The format name this kind writes in its files' headers, by which {@link
   * org.artsim.Artsim#loadIndex} finds the provider that reads a file. Two providers must not share
   * one.
   */
  default String formatName() {
    return org.artsim.Artsim.INDEX_FORMAT_PREFIX + name();
  }
}
