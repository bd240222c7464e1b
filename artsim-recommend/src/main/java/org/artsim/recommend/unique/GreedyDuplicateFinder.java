package org.artsim.recommend.unique;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.artsim.VectorIndex;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.analysis.DuplicateGroup;

/**
 * The {@code "greedy"} {@link DuplicateFinder}: {@link NearDuplicates#find} (FiftyOne's greedy
 * keep-first pass in the given order), its groups as {@link DuplicateGroup}s. Every duplicate is
 * reported with its distance to the kept item (always known: a removed item is assigned to its
 * nearest kept item within the threshold). Immutable and thread-safe.
 */
final class GreedyDuplicateFinder implements DuplicateFinder {
  private final GreedyDuplicatesConfig config;

  GreedyDuplicateFinder(GreedyDuplicatesConfig config) {
    this.config = config;
  }

  @Override
  public List<DuplicateGroup> find(VectorIndex index, List<String> ids, double threshold) {
    var report = NearDuplicates.find(index, ids, threshold, config.bruteForceLimit());
    var distance = new HashMap<List<String>, Double>();
    for (NearDuplicates.Pair p : report.pairs()) {
      distance.put(List.of(p.first(), p.second()), p.distance());
      distance.put(List.of(p.second(), p.first()), p.distance());
    }
    var out = new ArrayList<DuplicateGroup>(report.groups().size());
    for (NearDuplicates.Group g : report.groups()) {
      var distances = new ArrayList<Double>(g.duplicates().size());
      for (String d : g.duplicates()) {
        distances.add(distance.getOrDefault(List.of(g.kept(), d), Double.NaN));
      }
      out.add(new DuplicateGroup(g.kept(), g.duplicates(), distances));
    }
    return out;
  }

  @Override
  public String toString() {
    return "GreedyDuplicateFinder[" + config + "]";
  }
}
