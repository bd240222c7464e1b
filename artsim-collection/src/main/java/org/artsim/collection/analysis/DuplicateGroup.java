package org.artsim.collection.analysis;

import java.util.List;

/**
 * A group of near-duplicates: the item kept (the first in collection order) and the items within
 * the threshold of it, each with its distance.
 *
 * @param kept the id kept
 * @param duplicates the ids that duplicate it, closest first
 * @param distances their distances to {@code kept}, in the same order
 */
public record DuplicateGroup(String kept, List<String> duplicates, List<Double> distances) {
  /** Copies the lists. */
  public DuplicateGroup {
    duplicates = List.copyOf(duplicates);
    distances = List.copyOf(distances);
  }
}
