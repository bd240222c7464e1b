package org.artsim.recommend.label;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A predicted label value with its confidence.
 *
 * @param label the predicted value (for example {@code "ink painting"})
 * @param confidence the winner's share of the votes (kNN) or its probability (zero-shot), in [0, 1]
 * @param votes every candidate value with its share or probability, highest first (ties by value)
 */
public record LabelPrediction(String label, double confidence, Map<String, Double> votes) {
  /** Checks and copies the fields. */
  public LabelPrediction {
    if (label == null || votes == null) {
      throw new org.artsim.InvalidArgumentException((label == null ? "label" : "votes") + " is null; give the predicted value and the votes");
    }
    votes = Collections.unmodifiableMap(new LinkedHashMap<>(votes));
  }

  @Override
  public String toString() {
    return label + String.format(java.util.Locale.ROOT, "(%.3f)", confidence);
  }
}
