package org.artsim.collection.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.VectorIndex;

/**
 * Scores how unique each item is, in [0, 1]. The default ({@link #fiftyOne()}) is
 * artsim-recommend's {@link org.artsim.recommend.unique.NeighbourUniqueness}: FiftyOne Brain's rule &mdash; the
 * distances to the 3 nearest other items weighted 0.6, 0.3, 0.1, averaged, divided by the largest
 * such value, so the most unique item scores exactly 1 (cosine distance {@code 1 - cos} under
 * cosine).
 */
@FunctionalInterface
public interface Uniqueness {

  /** The uniqueness of every item of {@code index}, keyed by id, in the order of {@code ids}. */
  Map<String, Double> score(VectorIndex index, List<String> ids);

  /** FiftyOne's rule through artsim-recommend; see the class comment. */
  static Uniqueness fiftyOne() {
    return (index, ids) -> {
      Map<String, Double> all = org.artsim.recommend.unique.NeighbourUniqueness.knnDistance(index).asMap();
      var out = new LinkedHashMap<String, Double>();
      for (String id : ids) {
        Double s = all.get(id);
        if (s != null) {
          out.put(id, s);
        }
      }
      return out;
    };
  }

  /** The items sorted by score, highest first (ties by id). */
  static List<Scored> ranked(Map<String, Double> scores) {
    var list = new ArrayList<Scored>();
    scores.forEach((id, s) -> list.add(new Scored(id, s)));
    list.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id));
    return list;
  }
}
