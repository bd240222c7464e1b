package org.artsim.index.hnsw;

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
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.testing.ExactKnn;
import org.artsim.testing.FashionMnist;
import org.artsim.testing.NeighbourAssertions;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.artsim.testing.VectorIndexContract;
import org.junit.jupiter.api.Test;

/** Tests both HNSW providers share: the contract by recall, Fashion-MNIST recall, filters. */
abstract class AbstractHnswIndexTest extends VectorIndexContract {

  /** The provider name. */
  abstract String provider();

  @Override
  protected VectorIndex newIndex(int dimension, Metric metric) {
    return Artsim.index(HnswConfig.defaults(provider()).withThreads(2), dimension, metric);
  }

  @Override
  protected boolean exact() {
    return false;
  }

  @Override
  protected double minimumRecall() {
    return 0.9;
  }

  private static List<VectorEntry> fashion(FashionMnist data) {
    var entries = new ArrayList<VectorEntry>();
    for (int i = 0; i < data.trainImages().length; i++) {
      entries.add(
          new VectorEntry(
              String.format("train-%05d", i),
              data.trainImages()[i],
              Labels.of("class", FashionMnist.CLASSES[data.trainLabels()[i]], "bucket", "b" + (i % 100))));
    }
    return entries;
  }

  @Test
  void fashionMnistRecallAtDefaultEfIsAtLeast95Percent() {
    var data = FashionMnist.subset();
    var entries = fashion(data);
    try (VectorIndex index = newIndex(784, Metric.L2); VectorIndex flat = Artsim.index("flat", 784, Metric.L2)) {
      index.addAll(entries);
      flat.addAll(entries);
      double recall = 0;
      int queries = 200;
      for (int i = 0; i < queries; i++) {
        float[] q = data.testImages()[i];
        recall += NeighbourAssertions.recall(index.search(q, 10), flat.search(q, 10));
      }
      assertThat(recall / queries).as("recall@10 at ef " + HnswConfig.defaults().ef()).isGreaterThanOrEqualTo(0.95);

      // filtered: ~10% (one class) and 1% (one bucket) selectivity
      double filteredRecall = 0;
      int filtered = 0;
      for (int i = 0; i < 60; i++) {
        float[] q = data.testImages()[i];
        for (var f : List.of(LabelFilter.anyOf("class", FashionMnist.CLASSES[i % 10]), LabelFilter.anyOf("bucket", "b" + i))) {
          var expected = flat.search(q, 10, f);
          var actual = index.search(q, 10, f);
          long matches = entries.stream().filter(e -> f.test(e.labels())).count();
          assertThat(actual).as(f.toString()).hasSize((int) Math.min(10, matches)).allSatisfy(h -> assertThat(f.test(h.labels())).isTrue());
          filteredRecall += NeighbourAssertions.recall(actual, expected);
          filtered++;
        }
      }
      assertThat(filteredRecall / filtered).as("filtered recall@10").isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void aLargerEfNeverLowersRecallMuchAndTheRequestOverridesTheDefault() {
    var r = new SplittableRandom(21);
    var entries = RandomVectors.entries(r, 2000, 32, 4, false);
    try (VectorIndex index = Artsim.index(HnswConfig.defaults(provider()).withEf(1).withM(4).withEfConstruction(8), 32, Metric.COSINE)) {
      index.addAll(entries);
      double low = 0;
      double high = 0;
      for (int i = 0; i < 50; i++) {
        float[] q = RandomVectors.gaussian(r, 32);
        var expected = ExactKnn.search(entries, Metric.COSINE, q, 10, LabelFilter.none());
        low += NeighbourAssertions.recall(index.search(SearchRequest.of(q, 10).withEf(10)), expected);
        high += NeighbourAssertions.recall(index.search(SearchRequest.of(q, 10).withEf(400)), expected);
      }
      assertThat(high / 50).isGreaterThan(low / 50).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void manyRemovalsCompactTheGraphAndRemovedItemsStayGone() {
    var r = new SplittableRandom(22);
    var entries = RandomVectors.entries(r, 3000, 8, 3, false);
    try (VectorIndex index = Artsim.index(HnswConfig.defaults(provider()).withM(8).withEf(20), 8, Metric.L2)) {
      index.addAll(entries);
      var kept = new ArrayList<VectorEntry>();
      for (int i = 0; i < entries.size(); i++) {
        if (i % 3 == 0) {
          kept.add(entries.get(i));
        } else {
          assertThat(index.remove(entries.get(i).id())).isTrue();
        }
      }
      assertThat(index.size()).isEqualTo(kept.size());
      assertThat(index.toString()).contains("tombstones=");
      double recall = 0;
      for (int i = 0; i < 30; i++) {
        float[] q = RandomVectors.gaussian(r, 8);
        var hits = index.search(q, 10);
        assertThat(hits).extracting(Hit::id).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(3)) % 3).isZero());
        recall += NeighbourAssertions.recall(hits, ExactKnn.search(kept, Metric.L2, q, 10, LabelFilter.none()));
      }
      assertThat(recall / 30).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void isFoundByNameAndValidatesItsSettings() {
    assertThat(Artsim.available().get("VectorIndex")).contains(provider());
    assertThat(Artsim.index(provider(), 3, Metric.L2, Map.of("m", "8", "ef", "20", "ef_construction", "50", "threads", "1", "max_items", "10", "seed", "3")).toString())
        .contains("metric=L2, dim=3, size=0, m=8, efConstruction=50, ef=20");
    HnswConfig base = HnswConfig.defaults(provider());
    String p = provider() + ": ";
    assertThat(base.provider()).isEqualTo(provider());
    assertThatThrownBy(() -> base.withM(0)).isInstanceOf(ConfigException.class).hasMessage(p + "m must be in [2, 512], got 0");
    assertThatThrownBy(() -> base.withEf(0)).isInstanceOf(ConfigException.class).hasMessage(p + "ef must be in [1, 100000], got 0");
    assertThatThrownBy(() -> base.withEfConstruction(-1)).isInstanceOf(ConfigException.class).hasMessage(p + "ef_construction must be in [1, 100000], got -1");
    assertThatThrownBy(() -> base.withThreads(0)).isInstanceOf(ConfigException.class).hasMessage(p + "threads must be in [1, 1024], got 0");
    assertThatThrownBy(() -> base.withMaxItems(0)).isInstanceOf(ConfigException.class).hasMessageStartingWith(p + "max_items must be in [1, 1048576], got 0");
    assertThatThrownBy(() -> base.withProvider("hnswlib"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("HnswConfig: provider must be \"hnsw-lucene\" or \"hnsw\", got \"hnswlib\"");
    checkUnknownSettingIsRefused(provider());
  }

  /** The configuration the parallel-batch property runs on (the int8 subclass quantises). */
  HnswConfig batchConfig() {
    return HnswConfig.defaults(provider()).withM(6).withEf(16).withEfConstruction(32).withThreads(1);
  }

  @Test
  void parallelBatchesEqualSingleSearchesOverManySeeds() {
    Seeds.stream("hnsw-parallel-batch-" + provider(), 8)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = r.nextInt(2, 24);
              int n = r.nextInt(1, 1500);
              int threads = r.nextInt(1, 6);
              Metric metric = Metric.values()[r.nextInt(Metric.values().length)];
              var entries = RandomVectors.entries(r, n, dim, 4, r.nextBoolean());
              try (VectorIndex index = Artsim.index(batchConfig().withSearchThreads(threads), dim, metric)) {
                index.addAll(entries);
                for (int i = 0; i < n / 5; i++) {
                  index.remove(entries.get(r.nextInt(n)).id());
                }
                float[][] queries = new float[r.nextInt(1, 80)][];
                for (int i = 0; i < queries.length; i++) {
                  queries[i] = RandomVectors.gaussian(r, dim);
                }
                int k = r.nextInt(1, 30);
                for (LabelFilter f : List.of(LabelFilter.none(), LabelFilter.anyOf("colour", "c1", "c2"))) {
                  var batch = index.searchBatch(queries, k, f);
                  assertThat(batch).hasSize(queries.length);
                  for (int i = 0; i < queries.length; i++) {
                    assertThat(batch.get(i)).as(Seeds.reproduce(seed) + " threads " + threads + " query " + i + " " + f).isEqualTo(index.search(queries[i], k, f));
                  }
                }
              }
            });
  }

  @Test
  void aLargeBatchAddedToAFilledGraphIsInsertedInParallelAndFound() {
    var r = new SplittableRandom(41);
    var entries = RandomVectors.entries(r, 4000, 12, 3, false);
    try (VectorIndex index = Artsim.index(batchConfig().withThreads(2).withEf(40), 12, Metric.L2)) {
      index.addAll(entries.subList(0, 1500));
      index.remove(entries.get(3).id());
      index.addAll(entries.subList(1500, 4000));
      assertThat(index.size()).isEqualTo(3999);
      var kept = new ArrayList<>(entries);
      kept.remove(3);
      int foundThemselves = 0;
      for (int i = 1500; i < 4000; i++) {
        VectorEntry e = entries.get(i);
        foundThemselves += index.search(e.vector(), 1).get(0).id().equals(e.id()) ? 1 : 0;
      }
      // the same share as a one-batch build reaches at m 6 / ef_construction 32 (about 0.99)
      assertThat(foundThemselves / 2500.0).as("items of the second batch that find themselves").isGreaterThanOrEqualTo(0.97);
      double recall = 0;
      for (int i = 0; i < 60; i++) {
        float[] q = RandomVectors.gaussian(r, 12);
        recall += NeighbourAssertions.recall(index.search(SearchRequest.of(q, 10).withEf(64)), ExactKnn.search(kept, Metric.L2, q, 10, LabelFilter.none()));
      }
      assertThat(recall / 60).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void searchThreadsAndQuantizationAreSettings() {
    HnswConfig base = HnswConfig.defaults(provider());
    String p = provider() + ": ";
    assertThat(base.searchThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(base.quantization()).isEqualTo(HnswConfig.Quantization.NONE);
    assertThat(HnswConfig.parse(provider(), Map.of("search_threads", "3")).searchThreads()).isEqualTo(3);
    assertThatThrownBy(() -> base.withSearchThreads(0)).isInstanceOf(ConfigException.class).hasMessage(p + "search_threads must be in [1, 1024], got 0");
    assertThatThrownBy(() -> HnswConfig.parse(provider(), Map.of("quantization", "int4")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(p + "quantization must be \"none\" or \"int8\", got \"int4\"");
    assertThatThrownBy(() -> base.withQuantization(null)).isInstanceOf(ConfigException.class).hasMessage(p + "quantization is null; use Quantization.NONE or Quantization.INT8");
    try (VectorIndex index = Artsim.index(provider(), 3, Metric.L2, Map.of("search_threads", 1, "quantization", "none"))) {
      index.add("a", new float[] {1, 2, 3});
      assertThat(index.searchBatch(new float[][] {{1, 2, 3}}, 1, LabelFilter.none()).get(0).get(0).id()).isEqualTo("a");
    }
  }

  @Test
  void aHugeMaxItemsSettingIsRefusedNamingProviderKeyAndRange() {
    assertThatThrownBy(() -> Artsim.index(provider(), 8, Metric.COSINE, Map.of("max_items", "1073741824")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(provider() + ": max_items must be in [1, 1048576], got 1073741824");
  }

  @Test
  void settingsMayBeNumbersAndAreCheckedAtBuildTime() {
    try (VectorIndex index = Artsim.index(provider(), 3, Metric.L2, Map.of("m", 8, "ef", 20, "threads", 1, "seed", 3L))) {
      assertThat(index.toString()).contains("m=8").contains("ef=20");
    }
    assertThatThrownBy(() -> Artsim.index(provider(), 3, Metric.L2, Map.of("ef", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(provider() + ": ef must be in [1, 100000], got 0");
    assertThatThrownBy(() -> Artsim.index(provider(), 3, Metric.L2, Map.of("ef", List.of(64))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'ef'")
        .hasMessageContaining(provider());
  }

  @Test
  void aTypedConfigNamesItsProvider() {
    try (VectorIndex index = Artsim.index(HnswConfig.defaults(provider()).withM(6), 4, Metric.DOT)) {
      assertThat(index.kind()).isEqualTo(provider());
      assertThat(index.toString()).contains("m=6");
    }
  }

  @Test
  void theGraphGrowsPastItsInitialCapacity() {
    var r = new SplittableRandom(23);
    var entries = RandomVectors.entries(r, 700, 6, 2, false);
    try (VectorIndex index = Artsim.index(HnswConfig.defaults(provider()).withMaxItems(5).withM(4).withEf(10), 6, Metric.DOT)) {
      for (VectorEntry e : entries.subList(0, 50)) {
        index.add(e.id(), e.vector(), e.labels());
      }
      index.addAll(entries.subList(50, 700));
      assertThat(index.size()).isEqualTo(700);
      float[] q = RandomVectors.gaussian(r, 6);
      assertThat(NeighbourAssertions.recall(index.search(q, 10), ExactKnn.search(entries, Metric.DOT, q, 10, LabelFilter.none()))).isGreaterThanOrEqualTo(0.7);
    }
  }
}
