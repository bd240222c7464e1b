package org.artsim.bench.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorIndex;

/**
 * Leave-one-out retrieval quality of one embedding of a labelled collection: each work is the query
 * once, its {@code k} nearest other works are its answer.
 *
 * <ul>
 *   <li><b>precision@k</b>: the share of the answer that shares a label with the query (a work filed
 *       under several labels matches any of them); <b>micro</b> averages over queries,
 *       <b>macro</b> over the query's primary labels (so 1,378 generated stars do not outweigh 300
 *       animals);
 *   <li><b>vote accuracy</b>: whether the most frequent primary label of the answer (ties: the
 *       nearest) is one of the query's labels, as a kNN classifier would decide;
 *   <li><b>chance</b>: the precision@k a random answer would have, for every figure's baseline.
 * </ul>
 */
final class RetrievalQuality {
  private RetrievalQuality() {}

  /** The figures of one embedding and one labelling. */
  record Figures(double microPrecision, double macroPrecision, double voteAccuracy, double chancePrecision, int queries) {}

  /**
   * Measures an embedding. {@code labels} gives a work's label set, {@code primary} its primary label.
   *
   * @param <W> the work type
   */
  static <W> Figures measure(List<W> works, List<float[]> vectors, Metric metric, int k, Function<W, Set<String>> labels, Function<W, String> primary) {
    int n = works.size();
    try (VectorIndex index = Artsim.index("flat", vectors.get(0).length, metric)) {
      for (int i = 0; i < n; i++) {
        index.add(Integer.toString(i), vectors.get(i), Labels.none());
      }
      Map<String, double[]> perLabel = new TreeMap<>();
      double micro = 0;
      double chance = 0;
      int votesRight = 0;
      for (int q = 0; q < n; q++) {
        W query = works.get(q);
        Set<String> mine = labels.apply(query);
        List<Hit> hits = index.search(vectors.get(q), k + 1);
        int right = 0;
        int taken = 0;
        Map<String, Integer> votes = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        for (Hit h : hits) {
          int other = Integer.parseInt(h.id());
          if (other == q || taken == k) {
            continue;
          }
          taken++;
          W neighbour = works.get(other);
          if (labels.apply(neighbour).stream().anyMatch(mine::contains)) {
            right++;
          }
          String vote = primary.apply(neighbour);
          votes.merge(vote, 1, Integer::sum);
          firstSeen.putIfAbsent(vote, taken);
        }
        double p = taken == 0 ? 0 : right / (double) taken;
        micro += p;
        double[] acc = perLabel.computeIfAbsent(primary.apply(query), x -> new double[2]);
        acc[0] += p;
        acc[1]++;
        String winner = votes.entrySet().stream()
            .max((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(firstSeen.get(b.getKey()), firstSeen.get(a.getKey())) : Integer.compare(a.getValue(), b.getValue()))
            .map(Map.Entry::getKey)
            .orElse(null);
        if (winner != null && mine.contains(winner)) {
          votesRight++;
        }
        chance += chanceOf(works, q, labels);
      }
      double macro = perLabel.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElse(0);
      return new Figures(micro / n, macro, votesRight / (double) n, chance / n, n);
    }
  }

  /** The share of the other works that share a label with work {@code q}. */
  private static <W> double chanceOf(List<W> works, int q, Function<W, Set<String>> labels) {
    Set<String> mine = labels.apply(works.get(q));
    int share = 0;
    for (int i = 0; i < works.size(); i++) {
      if (i != q && labels.apply(works.get(i)).stream().anyMatch(mine::contains)) {
        share++;
      }
    }
    return works.size() < 2 ? 0 : share / (double) (works.size() - 1);
  }
}
