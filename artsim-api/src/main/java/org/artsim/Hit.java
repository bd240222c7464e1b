package org.artsim;

import java.util.Objects;

/**
 * One search result: the item's id, its score (higher is closer, see {@link Metric}) and its
 * labels.
 *
 * <p>Result lists are ordered best first; equal scores are ordered by id ({@link
 * String#compareTo}), so results are deterministic.
 */
public record Hit(String id, float score, Labels labels) {
  /** Validates the fields. */
  public Hit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(labels, "labels");
  }

  /** A hit without labels. */
  public static Hit of(String id, float score) {
    return new Hit(id, score, Labels.none());
  }

  /** The value of one label field of the hit, or null (for example the culture it matched). */
  public String label(String field) {
    return labels.get(field);
  }

  @Override
  public String toString() {
    return labels.isEmpty() ? id + "(" + score + ")" : id + "(" + score + ", " + labels + ")";
  }
}
