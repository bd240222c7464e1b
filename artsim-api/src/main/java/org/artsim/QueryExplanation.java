package org.artsim;

import java.util.List;

/**
 * What a text search did with its query: the terms that matched the vocabulary, the terms it
 * rewrote (typos, stems), the terms it ignored (stop words, unknown words), and a one-line message
 * &mdash; which says why when there are no hits.
 */
public record QueryExplanation(
    String query, List<String> matchedTerms, List<TermRewrite> rewrites, List<String> ignoredTerms, String message) {
  /** Copies the lists. */
  public QueryExplanation {
    matchedTerms = List.copyOf(matchedTerms);
    rewrites = List.copyOf(rewrites);
    ignoredTerms = List.copyOf(ignoredTerms);
  }

  @Override
  public String toString() {
    return message;
  }
}
