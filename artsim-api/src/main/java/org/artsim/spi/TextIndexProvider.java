package org.artsim.spi;

import java.nio.file.Path;
import org.artsim.TextIndex;

/**
 * Creates and loads one kind of {@link TextIndex}.
 *
 * @param <C> the index's configuration type
 */
public interface TextIndexProvider<C> extends Provider<C> {

  /** A new, empty text index. */
  TextIndex create(C config);

  /**
   * A text index saved by one of this kind.
   *
   * @throws org.artsim.FileFormatException if the file is not such an index, or is damaged
   */
  TextIndex load(Path path);

  /**
   * The format name this kind writes in its files' headers, by which {@link
   * org.artsim.Artsim#loadTextIndex} finds the provider that reads a file.
   */
  default String formatName() {
    return org.artsim.Artsim.TEXT_INDEX_FORMAT_PREFIX + name();
  }
}
