package org.artsim;

import java.nio.file.Path;

/**
 * Makes recommendation sessions over a {@link VectorIndex}. Implementations are created by name
 * through {@link org.artsim.spi.RecommenderProvider}s ({@code Artsim.recommender("likes",
 * index)}). Thread-safe: sessions may be created and used from many threads, one thread per
 * session.
 */
public interface Recommender {

  /** The provider name that made this recommender. */
  String kind();

  /** A new, empty session. */
  RecommendationSession newSession();

  /**
   * A session saved with {@link RecommendationSession#save}. Ids no longer in the index are
   * dropped from the likes.
   */
  RecommendationSession restoreSession(Path path);
}
