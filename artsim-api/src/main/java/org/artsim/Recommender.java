package org.artsim;

import java.nio.file.Path;

/**
 * Makes recommendation sessions over a {@link VectorIndex}. Implementations are created by name
 * through {@link org.artsim.spi.RecommenderProvider}s ({@code Artsim.recommender("likes",
 * index)}). Thread-safe: sessions may be created and used from many threads, one thread per
 * session.
 *
 * <p>{@link #close()} ends the recommender and every session it made: afterwards they throw {@link
 * ClosedException}. The index is not closed (it belongs to the caller). Closing twice does nothing.
 */
public interface Recommender extends AutoCloseable {

  /** The provider name that made this recommender. */
  String kind();

  /** A new, empty session. */
  RecommendationSession newSession();

  /**
   * A session saved with {@link RecommendationSession#save}. Ids no longer in the index are
   * dropped from the likes.
   */
  RecommendationSession restoreSession(Path path);

  /** Ends this recommender and its sessions; the index stays open. */
  @Override
  void close();
}
