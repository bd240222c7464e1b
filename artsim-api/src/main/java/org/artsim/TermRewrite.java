package org.artsim;

import java.util.List;

/**
 * How a query term was changed before matching: {@code picaso -> [picasso]} because it was not in
 * the vocabulary ({@code reason = "typo"}), or {@code photographs -> [photograph]} by stemming.
 */
public record TermRewrite(String term, List<String> replacements, String reason) {
  /** Copies the replacement list. */
  public TermRewrite {
    replacements = List.copyOf(replacements);
  }

  @Override
  public String toString() {
    return term + " -> " + replacements + " (" + reason + ")";
  }
}
