package org.artsim;

import java.util.List;

/**
 * One batch of recommendations, best first, and a reason when it is empty or short ("no likes
 * yet: like an item first", "every item has been shown").
 */
public record Recommendations(List<Hit> hits, String reason) {
  /** Copies the hits. */
  public Recommendations {
    hits = List.copyOf(hits);
    reason = reason == null ? "" : reason;
  }

  /** Whether the batch is empty; {@link #reason()} says why. */
  public boolean isEmpty() {
    return hits.isEmpty();
  }
}
