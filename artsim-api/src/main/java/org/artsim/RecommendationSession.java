package org.artsim;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One visitor's likes and everything already shown to them. {@link #recommend} returns items
 * close to what they liked that they have not seen, and records them as shown.
 *
 * <p>A session is not thread-safe: use one per visitor, from one thread at a time.
 */
public interface RecommendationSession {

  /**
   * Adds an item to the likes.
   *
   * @throws UnknownIdException if the id is not in the underlying index
   */
  void like(String id);

  /**
   * Removes an item from the likes.
   *
   * @return {@code false} if it was not liked
   */
  boolean unlike(String id);

  /** Forgets likes, shown items and history: the session starts over. */
  void clear();

  /** Records items as already shown (for example a search results page), so they are not recommended. */
  void markShown(Collection<String> ids);

  /** The liked ids, in the order they were liked. */
  Set<String> likes();

  /** The ids shown so far. */
  Set<String> shown();

  /** Every batch {@link #recommend} returned, oldest first. */
  List<List<String>> history();

  /** Up to {@code k} unseen items close to the likes; empty with a reason when there are no likes. */
  Recommendations recommend(int k);

  /** Up to {@code k} unseen items close to the likes that pass {@code filter}. */
  Recommendations recommend(int k, LabelFilter filter);

  /** Writes the session atomically; restore it with {@link Recommender#restoreSession}. */
  void save(Path path);
}
