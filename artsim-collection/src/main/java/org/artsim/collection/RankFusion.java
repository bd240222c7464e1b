package org.artsim.collection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.Labels;

/**
 * Reciprocal rank fusion: merges ranked lists by giving each item {@code sum 1 / (rrfK + rank)}
 * over the lists it appears in (rank counted from 1). Pure and stateless.
 */
final class RankFusion {
  private RankFusion() {}

  /**
   * The {@code k} best items of the fused lists, by fused score (as a float) descending, then id
   * ascending; each hit keeps the labels of its first appearance.
   */
  static List<Hit> fuse(List<List<Hit>> lists, int rrfK, int k) {
    var scores = new LinkedHashMap<String, Double>();
    var labels = new LinkedHashMap<String, Labels>();
    for (List<Hit> list : lists) {
      for (int i = 0; i < list.size(); i++) {
        Hit h = list.get(i);
        scores.merge(h.id(), 1.0 / (rrfK + i + 1), Double::sum);
        labels.putIfAbsent(h.id(), h.labels());
      }
    }
    var out = new ArrayList<Hit>(scores.size());
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      out.add(new Hit(e.getKey(), e.getValue().floatValue(), labels.get(e.getKey())));
    }
    out.sort(Comparator.comparingDouble((Hit h) -> -h.score()).thenComparing(Hit::id));
    return out.size() > k ? List.copyOf(out.subList(0, k)) : out;
  }
}
