package org.artsim.collection.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.Metric;
import org.artsim.VectorIndex;

/**
 * Uniqueness of each item in [0, 1] from its nearest neighbours, after FiftyOne Brain's {@code
 * compute_uniqueness}: the distances to the item's 3 nearest other items are weighted 0.6, 0.3,
 * 0.1, averaged, and divided by the largest such value in the collection, so the most unique item
 * scores exactly 1 and an exact duplicate scores 0. With 3 or fewer items every score is 1.
 *
 * <p>Distances are Euclidean: {@code sqrt(2 - 2 cos)} between unit vectors under {@link
 * Metric#COSINE}, the Euclidean distance under {@link Metric#L2}, and {@code max(0, -dot)} under
 * {@link Metric#DOT}. Self is excluded. Cost: one k=3 search per item through the index.
 */
@FunctionalInterface
public interface Uniqueness {

  /** The uniqueness of every item of {@code index}, keyed by id, in the order of {@code ids}. */
  Map<String, Double> score(VectorIndex index, List<String> ids);

  /** The built-in scorer described above. */
  static Uniqueness neighbours() {
    return (index, ids) -> {
      var raw = new LinkedHashMap<String, Double>();
      if (ids.size() <= 3) {
        ids.forEach(id -> raw.put(id, 1.0));
        return raw;
      }
      double[] weights = {0.6, 0.3, 0.1};
      double max = 0;
      for (String id : ids) {
        List<Hit> hits = index.similarTo(id, 3, org.artsim.LabelFilter.none());
        double sum = 0;
        for (int i = 0; i < hits.size(); i++) {
          sum += weights[i] * distance(index.metric(), hits.get(i).score());
        }
        double u = sum / 3;
        raw.put(id, u);
        max = Math.max(max, u);
      }
      if (max > 0) {
        final double m = max;
        raw.replaceAll((id, u) -> u / m);
      }
      return raw;
    };
  }

  /** The Euclidean-style distance for a score of {@code metric}. */
  static double distance(Metric metric, float score) {
    return switch (metric) {
      case COSINE -> Math.sqrt(Math.max(0, 2 - 2 * (double) score));
      case L2 -> Math.sqrt(Math.max(0, -(double) score));
      case DOT -> Math.max(0, -(double) score);
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
