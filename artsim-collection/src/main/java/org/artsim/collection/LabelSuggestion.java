package org.artsim.collection;

import org.artsim.InvalidArgumentException;

/**
 * One suggested value of a label field for a work, from the vote of its nearest labelled
 * neighbours ({@link ArtCollection#suggestLabels(String, String, int)}).
 *
 * @param value the suggested label value, e.g. {@code "animals/bugs"}
 * @param share the value's share of the similarity-weighted vote, in [0, 1]; the shares of all
 *     values voted for sum to 1
 * @param voters how many of the neighbours voted for it
 */
public record LabelSuggestion(String value, double share, int voters) {
  /** Checks the fields. */
  public LabelSuggestion {
    if (value == null) {
      throw new InvalidArgumentException("value is null; a suggestion names a label value");
    }
    if (!(share >= 0 && share <= 1)) {
      throw new InvalidArgumentException("share must be in [0, 1], got " + share);
    }
    if (voters < 1) {
      throw new InvalidArgumentException("voters must be >= 1 (a value no neighbour voted for is not suggested), got " + voters);
    }
  }

  @Override
  public String toString() {
    return value + String.format(java.util.Locale.ROOT, " %.2f", share);
  }
}
