package org.artsim.analysis;

import java.util.List;

/**
 * A group of near-duplicates: the item kept (the first in the given order) and the items reported
 * as its duplicates, each with its distance to the kept item (NaN where the duplicate was reached
 * through another item).
 *
 * @param kept the id kept
 * @param duplicates the ids that duplicate it, in the given order
 * @param distances their distances to {@code kept}, in the same order
 */
public record DuplicateGroup(String kept, List<String> duplicates, List<Double> distances) {
  /** Copies the lists. */
  public DuplicateGroup {
    duplicates = List.copyOf(duplicates);
    distances = List.copyOf(distances);
  }
}
