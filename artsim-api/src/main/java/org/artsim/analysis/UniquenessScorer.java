package org.artsim.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.artsim.VectorIndex;

/**
 * Scores how unique each item of a vector index is, in [0, 1] (1 for the most unique). Created by
 * name with {@code Artsim.uniqueness(name)}; artsim-recommend provides FiftyOne's rules.
 *
 * <p>Implementations only read the index and are safe to call from several threads.
 */
@FunctionalInterface
public interface UniquenessScorer {
  /** The uniqueness of every item of {@code index} named in {@code ids}, keyed by id, in the order of {@code ids}. */
  Map<String, Double> score(VectorIndex index, List<String> ids);

  /** The items sorted by score, highest first (ties by id). */
  static List<Scored> ranked(Map<String, Double> scores) {
    var list = new ArrayList<Scored>(scores.size());
    scores.forEach((id, s) -> list.add(new Scored(id, s)));
    list.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id));
    return list;
  }
}
