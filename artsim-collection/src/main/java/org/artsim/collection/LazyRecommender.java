package org.artsim.collection;

import org.artsim.Recommender;

/**
 * The collection's recommender, created on first use over the collection's index handle (so its
 * sessions follow index rebuilds) and closed with the collection. Thread-safe: concurrent first
 * uses create one recommender.
 */
final class LazyRecommender {
  private final CollectionContents contents;
  private final PartsFactory parts;
  private Recommender recommender;
  private boolean closed;

  LazyRecommender(CollectionContents contents, PartsFactory parts) {
    this.contents = contents;
    this.parts = parts;
  }

  /** The recommender, created now if this is the first use. */
  synchronized Recommender get() {
    contents.checkOpen();
    if (recommender == null) {
      recommender = parts.recommender(contents.index());
    }
    return recommender;
  }

  /** Closes the recommender if one was created; a second call does nothing. */
  synchronized void close() {
    if (recommender != null && !closed) {
      recommender.close();
    }
    closed = true;
  }
}
