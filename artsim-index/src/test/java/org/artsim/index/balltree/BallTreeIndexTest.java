package org.artsim.index.balltree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.BallTreeConfig;
import org.artsim.testing.ExactKnn;
import org.artsim.testing.FashionMnist;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.artsim.testing.VectorIndexContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BallTreeIndexTest extends VectorIndexContract {

  @Override
  protected VectorIndex newIndex(int dimension, Metric metric) {
    return Artsim.index(BallTreeConfig.defaults().withLeafSize(8), dimension, metric);
  }

  private static VectorIndex flatWith(List<VectorEntry> entries, int dim, Metric metric) {
    VectorIndex flat = Artsim.index("flat", dim, metric);
    flat.addAll(entries);
    return flat;
  }

  @Test
  void isFoundByNameAndValidatesItsSettings() {
    assertThat(Artsim.available().get("VectorIndex")).contains("balltree");
    assertThat(Artsim.index("balltree", 3, Metric.L2, Map.of("leaf_size", "10", "seed", "7")).toString())
        .startsWith("BallTreeIndex[metric=L2, dim=3, size=0, leafSize=10");
    assertThatThrownBy(() -> BallTreeConfig.defaults().withLeafSize(0))
        .isInstanceOf(ConfigException.class)
        .hasMessage("balltree: leaf_size must be in [1, 100000], got 0");
    assertThatThrownBy(() -> BallTreeConfig.parse(Map.of("leaf_size", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'leaf_size' is 'many'");
    assertThat(BallTreeConfig.parse(Map.of()).leafSize()).isEqualTo(40);
    assertThat(BallTreeConfig.defaults().provider()).isEqualTo("balltree");
    try (VectorIndex index = Artsim.index("balltree", 3, Metric.L2, Map.of("leaf_size", 12, "seed", 7L))) {
      assertThat(index.toString()).contains("leafSize=12");
    }
    try (VectorIndex index = Artsim.index(BallTreeConfig.defaults().withLeafSize(9), 3, Metric.L2)) {
      assertThat(index.kind()).isEqualTo("balltree");
    }
    checkUnknownSettingIsRefused("balltree");
  }

  /** SynapseML's ConditionalBallTreeTest: grid (2x,2y,2z), labels 1 then 2, query (9,10,11). */
  @Test
  void synapseMlKnownAnswers() {
    for (int leafSize : new int[] {1, 5, 40, 50}) {
      try (VectorIndex index = Artsim.index(BallTreeConfig.defaults().withLeafSize(leafSize), 3, Metric.DOT)) {
        var entries = new ArrayList<VectorEntry>();
        int i = 0;
        for (int x = 1; x <= 10; x++) {
          for (int y = 1; y <= 10; y++) {
            for (int z = 1; z <= 10; z++) {
              entries.add(new VectorEntry(String.valueOf(i), new float[] {2 * x, 2 * y, 2 * z}, Labels.of("label", i < 500 ? "1" : "2")));
              i++;
            }
          }
        }
        index.addAll(entries);
        float[] q = {9, 10, 11};
        assertThat(index.search(q, 5, LabelFilter.anyOf("label", "2")))
            .extracting(h -> (int) h.score() + ":" + h.id())
            .containsExactly("600:999", "582:899", "580:989", "578:998", "564:799");
        assertThat(index.search(q, 5, LabelFilter.anyOf("label", "1")))
            .extracting(h -> (int) h.score() + ":" + h.id())
            .containsExactly("510:499", "492:399", "490:489", "488:498", "474:299");
        assertThat(index.search(q, 3, LabelFilter.anyOf("label", "1", "2"))).extracting(Hit::id).containsExactly("999", "899", "989");
        assertThat(index.search(q, 5, LabelFilter.anyOf("label", "2")).get(0).label("label")).isEqualTo("2");
        for (int k : new int[] {1, 5, 10, 100}) {
          for (var f : List.of(LabelFilter.anyOf("label", "1"), LabelFilter.anyOf("label", "2"), LabelFilter.anyOf("label", "1", "2"))) {
            var expected = ExactKnn.search(entries, Metric.DOT, q, k, f);
            assertThat(index.search(q, k, f)).as("k " + k + " " + f).extracting(Hit::id).containsExactlyElementsOf(expected.stream().map(Hit::id).toList());
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void equalsTheFlatIndexIdsAndScoresOnRandomData(Metric metric) {
    Seeds.stream("flat-equality-" + metric, 6)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(64);
              int n = 1 + r.nextInt(3000);
              var entries = RandomVectors.entries(r, n, dim, 6, r.nextBoolean());
              int leaf = 1 + r.nextInt(60);
              try (VectorIndex tree = Artsim.index(BallTreeConfig.defaults().withLeafSize(leaf).withSeed(seed), dim, metric);
                  VectorIndex flat = flatWith(entries, dim, metric)) {
                tree.addAll(entries);
                for (int q = 0; q < 10; q++) {
                  float[] query = RandomVectors.gaussian(r, dim);
                  int k = 1 + r.nextInt(40);
                  assertThat(tree.search(query, k)).as(Seeds.reproduce(seed) + " leaf " + leaf).isEqualTo(flat.search(query, k));
                }
              }
            });
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void conditionalEqualsFilterThenExactForRandomLabelSets(Metric metric) {
    Seeds.stream("conditional-" + metric, 6)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 2 + r.nextInt(30);
              int n = 200 + r.nextInt(2000);
              int colours = 2 + r.nextInt(40);
              var entries = RandomVectors.entries(r, n, dim, colours, false);
              try (VectorIndex tree = Artsim.index(BallTreeConfig.defaults().withLeafSize(1 + r.nextInt(50)), dim, metric);
                  VectorIndex flat = flatWith(entries, dim, metric)) {
                tree.addAll(entries);
                for (int q = 0; q < 12; q++) {
                  var values = new ArrayList<String>();
                  int m = 1 + r.nextInt(4);
                  for (int j = 0; j < m; j++) {
                    values.add("c" + r.nextInt(colours + 2));
                  }
                  var filter = LabelFilter.anyOf("colour", values);
                  if (r.nextInt(3) == 0) {
                    filter = filter.and("shape", "s" + r.nextInt(3));
                  }
                  float[] query = RandomVectors.gaussian(r, dim);
                  int k = 1 + r.nextInt(30);
                  var expected = ExactKnn.search(entries, metric, query, k, filter);
                  var actual = tree.search(query, k, filter);
                  assertThat(actual).as(Seeds.reproduce(seed) + " " + filter).isEqualTo(flat.search(query, k, filter));
                  assertThat(actual).extracting(Hit::id).hasSameSizeAs(expected);
                  var perLabel = tree.matchesPerLabel(query, k, "colour", values);
                  for (String v : values) {
                    assertThat(perLabel.get(v)).as(Seeds.reproduce(seed) + " per label " + v).isEqualTo(flat.search(query, k, LabelFilter.anyOf("colour", v)));
                  }
                }
              }
            });
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void staysExactThroughAddsUpdatesAndRemovals(Metric metric) {
    Seeds.stream("mutations-" + metric, 4)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 3 + r.nextInt(20);
              var entries = RandomVectors.entries(r, 600, dim, 5, false);
              try (VectorIndex tree = Artsim.index(BallTreeConfig.defaults().withLeafSize(10), dim, metric);
                  VectorIndex flat = Artsim.index("flat", dim, metric)) {
                tree.addAll(entries.subList(0, 300));
                flat.addAll(entries.subList(0, 300));
                for (int step = 0; step < 900; step++) {
                  int op = r.nextInt(4);
                  String id = "id-" + String.format("%04d", r.nextInt(600));
                  float[] v = RandomVectors.gaussian(r, dim);
                  Labels l = Labels.of("colour", "c" + r.nextInt(5));
                  switch (op) {
                    case 0 -> assertThat(tree.remove(id)).isEqualTo(flat.remove(id));
                    case 1 -> assertThat(tree.put(id, v, l)).isEqualTo(flat.put(id, v, l));
                    default -> {
                      if (!flat.contains(id)) {
                        tree.add(id, v, l);
                        flat.add(id, v, l);
                      } else {
                        tree.update(id, v, l);
                        flat.update(id, v, l);
                      }
                    }
                  }
                  if (step % 30 == 0) {
                    assertThat(tree.size()).isEqualTo(flat.size());
                    float[] q = RandomVectors.gaussian(r, dim);
                    var f = r.nextBoolean() ? LabelFilter.none() : LabelFilter.anyOf("colour", "c" + r.nextInt(5));
                    assertThat(tree.search(q, 15, f)).as(Seeds.reproduce(seed) + " step " + step).isEqualTo(flat.search(q, 15, f));
                  }
                }
                assertThat(tree.ids()).containsExactlyInAnyOrderElementsOf(flat.ids());
              }
            });
  }

  @Test
  void equalsTheFlatIndexOnFashionMnist() {
    var data = FashionMnist.subset();
    var entries = new ArrayList<VectorEntry>();
    for (int i = 0; i < data.trainImages().length; i++) {
      entries.add(new VectorEntry("train-" + i, data.trainImages()[i], Labels.of("class", FashionMnist.CLASSES[data.trainLabels()[i]])));
    }
    for (Metric metric : Metric.values()) {
      try (VectorIndex tree = Artsim.index("balltree", 784, metric); VectorIndex flat = flatWith(entries, 784, metric)) {
        tree.addAll(entries);
        float[][] queries = new float[60][];
        System.arraycopy(data.testImages(), 0, queries, 0, queries.length);
        assertThat(tree.searchBatch(queries, 10, LabelFilter.none())).as(metric.name()).isEqualTo(flat.searchBatch(queries, 10, LabelFilter.none()));
        var oneClass = LabelFilter.anyOf("class", "bag");
        assertThat(tree.searchBatch(queries, 10, oneClass)).as(metric + " bag").isEqualTo(flat.searchBatch(queries, 10, oneClass));
        var perClass = tree.matchesPerLabel(queries[0], 5, "class", List.of(FashionMnist.CLASSES));
        for (String c : FashionMnist.CLASSES) {
          assertThat(perClass.get(c)).isEqualTo(flat.search(queries[0], 5, LabelFilter.anyOf("class", c)));
        }
      }
    }
  }

  @Test
  void duplicatePointsDoNotSplitForever() {
    try (VectorIndex tree = Artsim.index(BallTreeConfig.defaults().withLeafSize(1), 4, Metric.L2)) {
      var entries = new ArrayList<VectorEntry>();
      for (int i = 0; i < 500; i++) {
        entries.add(VectorEntry.of(String.format("d%03d", i), new float[] {1, 2, 3, i % 2}));
      }
      tree.addAll(entries);
      assertThat(tree.search(new float[] {1, 2, 3, 0}, 3)).extracting(Hit::id).containsExactly("d000", "d002", "d004");
    }
  }
}
