package org.artsim.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.artsim.Recommendations;
import org.artsim.RecommendationSession;

/**
 * One visitor's server-side state: their {@link RecommendationSession} and the batch of
 * recommendations the "for you" panel shows. The batch is kept until the likes change (a like, an
 * unlike, a clear) or the visitor asks for more, so reloading a page does not use up unseen works.
 * Every method holds the visitor's lock: a session is not thread-safe, and a visitor's requests
 * may arrive on several threads at once.
 */
final class Visitor {
  private final String id;
  private final RecommendationSession session;
  private Recommendations batch;
  private int batchSize;

  Visitor(String id, RecommendationSession session) {
    this.id = id;
    this.session = session;
  }

  /** The random id in the visitor's cookie. */
  String id() {
    return id;
  }

  /** Likes a work; throws {@code UnknownIdException} if it is not in the collection. */
  synchronized void like(String workId) {
    if (!session.likes().contains(workId)) {
      session.like(workId);
      batch = null;
    }
  }

  /** Unlikes a work; false if it was not liked. */
  synchronized boolean unlike(String workId) {
    boolean was = session.unlike(workId);
    if (was) {
      batch = null;
    }
    return was;
  }

  /** Forgets likes and everything shown. */
  synchronized void clear() {
    session.clear();
    batch = null;
  }

  /** The liked ids, in the order liked. */
  synchronized List<String> likes() {
    return List.copyOf(session.likes());
  }

  /** Whether a work is liked. */
  synchronized boolean likes(String workId) {
    return session.likes().contains(workId);
  }

  /** The current batch of {@code k} recommendations, made when the likes changed since the last one (or {@code k} did). */
  synchronized Recommendations current(int k) {
    if (batch == null || batchSize != k) {
      return next(k);
    }
    return batch;
  }

  /** A new batch of {@code k} unseen works (each batch is recorded as shown). */
  synchronized Recommendations next(int k) {
    batch = session.recommend(k);
    batchSize = k;
    return batch;
  }

  /** The liked ids as a set snapshot. */
  synchronized Set<String> likeSet() {
    return Set.copyOf(session.likes());
  }

  /** Saves the session to {@code file}. */
  synchronized void save(Path file) {
    session.save(file);
  }
}
