package org.artsim.collection.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.VectorIndex;

/**
 * Finds near-duplicate items, after FiftyOne Brain's {@code find_duplicates}: one greedy pass in
 * collection order; each item not yet claimed keeps every later unclaimed item within {@code
 * threshold} of it (cosine distance {@code 1 - cos} under cosine; the distances of {@link
 * Uniqueness#distance} otherwise) as its duplicates. Uses the index's search (at most 64
 * neighbours per item), not n² comparisons.
 */
@FunctionalInterface
public interface Duplicates {

  /** The duplicate groups among {@code ids} (collection order), in order of their kept item. */
  List<DuplicateGroup> find(VectorIndex index, List<String> ids, double threshold);

  /** The built-in greedy finder described above. */
  static Duplicates greedy() {
    return (index, ids, threshold) -> {
      if (!(threshold >= 0)) {
        throw new InvalidArgumentException("duplicate threshold must be >= 0, got " + threshold);
      }
      var order = new java.util.HashMap<String, Integer>();
      for (int i = 0; i < ids.size(); i++) {
        order.put(ids.get(i), i);
      }
      var claimed = new HashSet<String>();
      var groups = new ArrayList<DuplicateGroup>();
      for (String id : ids) {
        if (claimed.contains(id)) {
          continue;
        }
        var dups = new ArrayList<String>();
        var dists = new ArrayList<Double>();
        for (Hit h : index.similarTo(id, Math.min(64, Math.max(1, ids.size() - 1)), LabelFilter.none())) {
          double d = index.metric() == org.artsim.Metric.COSINE ? 1 - h.score() : Uniqueness.distance(index.metric(), h.score());
          Integer pos = order.get(h.id());
          if (d <= threshold && pos != null && pos > order.get(id) && !claimed.contains(h.id())) {
            dups.add(h.id());
            dists.add(Math.max(0, d));
          }
        }
        if (!dups.isEmpty()) {
          claimed.add(id);
          claimed.addAll(dups);
          groups.add(new DuplicateGroup(id, dups, dists));
        }
      }
      return groups;
    };
  }
}
