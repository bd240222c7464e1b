package org.artsim;

import java.util.List;

/** The hits of a text search, best first, and what the search did with the query. */
public record TextSearchResult(List<Hit> hits, QueryExplanation explanation) {
  /** Copies the hit list. */
  public TextSearchResult {
    hits = List.copyOf(hits);
  }

  /** Whether nothing matched; {@code explanation().message()} says why. */
  public boolean isEmpty() {
    return hits.isEmpty();
  }
}
