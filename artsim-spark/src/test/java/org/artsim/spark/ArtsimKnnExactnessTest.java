package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;

/**
 * Property: on many seeds, kNN and conditional kNN on Spark (broadcast, random shards, k-means
 * shards probing all) return exactly what one in-process artsim flat index returns: same ids in
 * the same order, same scores and labels.
 */
class ArtsimKnnExactnessTest {
  private static final String[] STRATEGIES = {"broadcast", "random", "kmeans"};

  @Test
  void everyStrategyEqualsTheSingleMachineSearchOnManySeeds() {
    long base = Long.getLong("artsim.tests.seed", 20261203L);
    for (int s = 0; s < 9; s++) {
      long seed = base + s;
      var r = new SplittableRandom(seed);
      Metric metric = Metric.values()[s % 3];
      String strategy = STRATEGIES[(s / 3) % 3];
      int dim = 2 + r.nextInt(14);
      int k = 1 + r.nextInt(12);
      var data = new TestData(seed, 60 + r.nextInt(240), dim, 40);
      boolean conditional = r.nextBoolean();
      check(data, metric, strategy, k, conditional, 1 + r.nextInt(5), seed);
    }
  }

  @Test
  void conditionalKnnOnShardsEqualsTheSingleMachineSearch() {
    var data = new TestData(7, 300, 8, 50);
    check(data, Metric.COSINE, "random", 7, true, 4, 7);
    check(data, Metric.DOT, "kmeans", 3, true, 3, 7);
  }

  private static void check(TestData data, Metric metric, String strategy, int k, boolean conditional, int shards, long seed) {
    var knn =
        new ArtsimKnn()
            .setMetric(metric.name())
            .setK(k)
            .setLabelCols(new String[] {"culture"})
            .setStrategy(strategy.equals("broadcast") ? "broadcast" : "partitioned")
            .setNumShards(shards)
            .setSharding(strategy.equals("kmeans") ? "kmeans" : "random")
            .setSeed(seed);
    ArtsimKnnModel model = knn.fit(data.itemFrame());
    if (conditional) {
      model.setConditionerCol("cultures");
    }
    Map<Integer, List<Row>> actual = new HashMap<>();
    for (Row row : model.transform(data.queryFrame()).select("qid", "neighbours").collectAsList()) {
      actual.put(row.getInt(0), row.getList(1));
    }
    String context = "metric=" + metric + " strategy=" + strategy + " k=" + k + " conditional=" + conditional + " shards=" + shards + " seed=" + seed;
    assertThat(actual).as(context).hasSize(data.queries.size());
    try (VectorIndex reference = Artsim.index("flat", data.dimension, metric)) {
      reference.addAll(data.items);
      for (int q = 0; q < data.queries.size(); q++) {
        String[] allowed = data.conditions.get(q);
        List<Hit> expected;
        if (conditional && allowed != null && allowed.length == 0) {
          expected = List.of();
        } else {
          LabelFilter filter = conditional && allowed != null ? LabelFilter.anyOf("culture", allowed) : LabelFilter.none();
          expected = reference.search(SearchRequest.of(data.queries.get(q), k).withFilter(filter));
        }
        assertThat(describe(actual.get(q))).as(context + " query " + q).isEqualTo(describe(expected, metric));
      }
    }
    model.release();
  }

  private static List<String> describe(List<Row> rows) {
    var out = new ArrayList<String>();
    for (Row h : rows) {
      Map<String, String> labels = h.getJavaMap(3);
      out.add(h.getString(0) + " " + h.getFloat(1) + " " + h.getDouble(2) + " " + labels);
    }
    return out;
  }

  private static List<String> describe(List<Hit> hits, Metric metric) {
    var out = new ArrayList<String>();
    for (Hit h : hits) {
      out.add(h.id() + " " + h.score() + " " + metric.distance(h.score()) + " " + h.labels().values());
    }
    return out;
  }
}
