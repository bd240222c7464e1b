package org.artsim.recommend.unique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.UnknownIdException;

/**
 * NeighbourUniqueness of every item of a collection, from one of the {@link NeighbourUniqueness} rules: scores in [0, 1], the most
 * unique item at exactly 1.
 *
 * @param ids the items, in the order they were scored
 * @param scores each item's uniqueness, parallel to {@code ids}
 * @param labels each item's labels, parallel to {@code ids}
 */
public record UniquenessScores(List<String> ids, double[] scores, List<Labels> labels) {
  /** Copies and checks the parallel lists. */
  public UniquenessScores {
    if (ids == null || scores == null || labels == null) {
      throw new InvalidArgumentException("ids, scores and labels must not be null");
    }
    ids = List.copyOf(ids);
    scores = scores.clone();
    labels = List.copyOf(labels);
    if (ids.size() != scores.length || ids.size() != labels.size()) {
      throw new InvalidArgumentException("ids, scores and labels must have equal lengths");
    }
  }

  /** The number of items scored. */
  public int size() {
    return ids.size();
  }

  /**
   * One item's uniqueness.
   *
   * @throws UnknownIdException if the item was not scored
   */
  public double score(String id) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give the id of a scored item");
    }
    int i = ids.indexOf(id);
    if (i < 0) {
      throw new UnknownIdException("no uniqueness score for '" + id + "'; it was not in the index when scores were computed");
    }
    return scores[i];
  }

  /** Every score by id, in scoring order. */
  public Map<String, Double> asMap() {
    var out = new LinkedHashMap<String, Double>();
    for (int i = 0; i < scores.length; i++) {
      out.put(ids.get(i), scores[i]);
    }
    return out;
  }

  /**
   * The {@code n} most unique items, most unique first (ties by id); the hit score is the uniqueness.
   *
   * @throws InvalidArgumentException if {@code n < 1}
   */
  public List<Hit> mostUnique(int n) {
    return ranked(n, true);
  }

  /**
   * The {@code n} least unique items (duplicate candidates), least unique first (ties by id).
   *
   * @throws InvalidArgumentException if {@code n < 1}
   */
  public List<Hit> leastUnique(int n) {
    return ranked(n, false);
  }

  private List<Hit> ranked(int n, boolean descending) {
    if (n < 1) {
      throw new InvalidArgumentException("n must be at least 1, got " + n + "; ask for one or more items");
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Comparator<Integer> byScore = Comparator.comparingDouble(i -> scores[i]);
    Arrays.sort(order, (descending ? byScore.reversed() : byScore).thenComparing(ids::get));
    var out = new ArrayList<Hit>();
    for (int j = 0; j < Math.min(n, order.length); j++) {
      int i = order[j];
      out.add(new Hit(ids.get(i), (float) scores[i], labels.get(i)));
    }
    return out;
  }

  /**
   * The mean uniqueness per value of a label field ("which artist's works are most unique"),
   * highest mean first (ties by value). Items without the field are left out.
   */
  public Map<String, Double> meanByLabel(String field) {
    if (field == null) {
      throw new InvalidArgumentException("field is null; name a label field");
    }
    var sums = new HashMap<String, double[]>();
    for (int i = 0; i < scores.length; i++) {
      String v = labels.get(i).get(field);
      if (v != null) {
        double[] acc = sums.computeIfAbsent(v, x -> new double[2]);
        acc[0] += scores[i];
        acc[1]++;
      }
    }
    var entries = new ArrayList<Map.Entry<String, Double>>();
    sums.forEach((v, acc) -> entries.add(Map.entry(v, acc[0] / acc[1])));
    entries.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    var out = new LinkedHashMap<String, Double>();
    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UniquenessScores u && ids.equals(u.ids) && Arrays.equals(scores, u.scores) && labels.equals(u.labels);
  }

  @Override
  public int hashCode() {
    return ids.hashCode() * 31 + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "UniquenessScores[size=" + ids.size() + (ids.isEmpty() ? "]" : ", mostUnique=" + mostUnique(3) + "]");
  }
}
