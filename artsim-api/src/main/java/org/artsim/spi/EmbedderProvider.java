package org.artsim.spi;

import org.artsim.Embedder;

/**
 * Creates one kind of {@link Embedder}. The returned object implements {@link
 * org.artsim.ImageEmbedder}, {@link org.artsim.TextEmbedder} or both.
 *
 * @param <C> the embedder's configuration type
 */
public interface EmbedderProvider<C> extends Provider<C> {

  /**
   * Loads the model the configuration names and returns a ready embedder.
   *
   * @throws org.artsim.ModelLoadException if the model cannot be found or loaded
   */
  Embedder create(C config);
}
