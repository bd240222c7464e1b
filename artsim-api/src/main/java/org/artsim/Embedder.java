package org.artsim;

/**
 * Turns inputs into vectors of a fixed {@link #dimension()}. An embedder is an image embedder
 * ({@link ImageEmbedder}), a text embedder ({@link TextEmbedder}), or both (CLIP), and holds
 * native memory: close it when done.
 *
 * <p>Implementations are thread-safe: several threads may embed at once.
 */
public interface Embedder extends AutoCloseable {

  /** What makes this embedder's vectors (stored with saved vectors as provenance). */
  EmbedderInfo info();

  /** The length of every vector this embedder returns. */
  default int dimension() {
    return info().dimension();
  }

  /** Releases models and native memory. Safe to call twice; throws nothing. */
  @Override
  void close();
}
