package org.artsim.collection.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.artsim.VectorIndex;
import org.artsim.recommend.unique.NearDuplicates;

/**
 * Finds groups of near-duplicate items. The default ({@link #greedy()}) is artsim-recommend's
 * {@link NearDuplicates#find}: every pair within {@code threshold} (cosine distance {@code 1 - cos}
 * under cosine, Euclidean under L2), then FiftyOne Brain's greedy pass in collection order &mdash;
 * each kept item removes the later items within the threshold.
 */
@FunctionalInterface
public interface Duplicates {

  /** The duplicate groups among {@code ids} (collection order), in order of their kept item. */
  List<DuplicateGroup> find(VectorIndex index, List<String> ids, double threshold);

  /** FiftyOne's greedy pass through artsim-recommend; see the class comment. */
  static Duplicates greedy() {
    return (index, ids, threshold) -> {
      var report = NearDuplicates.find(index, ids, threshold, NearDuplicates.DEFAULT_BRUTE_FORCE_LIMIT);
      var distance = new HashMap<String, Double>();
      report.pairs().forEach(p -> distance.put(p.first() + "\u0000" + p.second(), p.distance()));
      var groups = new ArrayList<DuplicateGroup>();
      for (NearDuplicates.Group g : report.groups()) {
        var d = new ArrayList<Double>();
        for (String dup : g.duplicates()) {
          d.add(distance.getOrDefault(g.kept() + "\u0000" + dup, distance.getOrDefault(dup + "\u0000" + g.kept(), Double.NaN)));
        }
        groups.add(new DuplicateGroup(g.kept(), g.duplicates(), d));
      }
      return groups;
    };
  }
}
