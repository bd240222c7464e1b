package org.artsim.collection;

import java.util.List;
import java.util.Map;

/**
 * What a batch add did: the ids added, in input order, and the ids that failed with the reason
 * (an unreadable image, a duplicate id...). A failed item never stops the rest of the batch.
 *
 * @param added the ids added
 * @param failed id to reason, in input order
 */
public record AddResult(List<String> added, Map<String, String> failed) {
  /** Copies the collections. */
  public AddResult {
    added = List.copyOf(added);
    failed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failed));
  }

  @Override
  public String toString() {
    return "AddResult[added=" + added.size() + ", failed=" + failed.size() + (failed.isEmpty() ? "" : " " + failed) + "]";
  }
}
