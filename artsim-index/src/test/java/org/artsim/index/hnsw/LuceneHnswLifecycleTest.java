package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.index.HnswConfig.Quantization;
import org.artsim.index.HnswConfig.Storage;
import org.artsim.testing.NeighbourAssertions;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An {@code hnsw-lucene} graph through its life: built in one batch (then frozen: links without
 * scores), grown by single adds and removals (thawed first), saved and loaded (frozen from the
 * file), grown again. At every stage searches that go through the graph find what an exact scan
 * finds, and a loaded index answers exactly as the one it was saved from. Each stage runs with the
 * fp32 vectors on the heap and mapped.
 */
class LuceneHnswLifecycleTest {
  private static final int DIM = 12;

  @TempDir Path tmp;

  private HnswConfig config(Quantization quantization, Storage storage) {
    return HnswConfig.defaults().withM(8).withEfConstruction(64).withEf(48).withThreads(1).withSearchThreads(2).withQuantization(quantization).withStorage(storage)
        .withDirectory(tmp);
  }

  private static double recall(VectorIndex index, VectorIndex exact, SplittableRandom r, int queries) {
    double sum = 0;
    for (int i = 0; i < queries; i++) {
      float[] q = RandomVectors.gaussian(r, DIM);
      sum += NeighbourAssertions.recall(index.search(SearchRequest.of(q, 10)), exact.search(q, 10));
    }
    return sum / queries;
  }

  /**
   * The graph is frozen after a batch that doubles it and after a load, and growable after an
   * insertion into a frozen graph that did not double it (so a stream of single adds thaws it once).
   */
  @Test
  void theGraphIsFrozenAfterABuildAndALoadAndGrowableAfterASmallInsert() {
    List<VectorEntry> entries = LuceneHnswInt8IndexTest.clustered(new SplittableRandom(4), 1200, DIM, 20, 0.6);
    Path file = tmp.resolve("frozen.bin");
    try (VectorIndex index = Artsim.index(config(Quantization.INT8, Storage.HEAP), DIM, Metric.COSINE)) {
      var graph = (LuceneHnswVectorIndex) index;
      assertThat(graph.frozen()).as("empty").isFalse();
      index.addAll(entries.subList(0, 1000));
      assertThat(graph.frozen()).as("after a build").isTrue();
      index.add(entries.get(1000).id(), entries.get(1000).vector());
      assertThat(graph.frozen()).as("after one add").isFalse();
      index.addAll(entries.subList(1001, 1200));
      assertThat(graph.frozen()).as("after a batch that did not double it").isFalse();
      index.save(file);
      try (VectorIndex loaded = Artsim.loadIndex(file)) {
        assertThat(((LuceneHnswVectorIndex) loaded).frozen()).as("after a load").isTrue();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"NONE,HEAP", "INT8,HEAP", "NONE,MAPPED", "INT8,MAPPED"})
  void everyStageFindsWhatAScanFindsAndALoadedIndexAnswersAlike(Quantization quantization, Storage storage) {
    Seeds.stream("hnsw-lifecycle", 2)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              List<VectorEntry> entries = LuceneHnswInt8IndexTest.clustered(r, 3400, DIM, 40, 0.6);
              Path file = tmp.resolve("lifecycle-" + quantization + "-" + storage + "-" + seed + ".bin");
              String context = Seeds.reproduce(seed) + " " + quantization + " " + storage;
              try (VectorIndex index = Artsim.index(config(quantization, storage), DIM, Metric.COSINE);
                  VectorIndex exact = Artsim.index("flat", DIM, Metric.COSINE)) {
                index.addAll(entries.subList(0, 2400));
                exact.addAll(entries.subList(0, 2400));
                assertThat(recall(index, exact, r, 100)).as(context + " after the build").isGreaterThanOrEqualTo(0.9);
                for (VectorEntry e : entries.subList(2400, 2700)) {
                  index.add(e.id(), e.vector(), e.labels());
                  exact.add(e.id(), e.vector(), e.labels());
                }
                for (int i = 0; i < 2400; i += 40) {
                  index.remove(entries.get(i).id());
                  exact.remove(entries.get(i).id());
                }
                assertThat(recall(index, exact, r, 100)).as(context + " after single adds and removals").isGreaterThanOrEqualTo(0.9);
                index.save(file);
                try (VectorIndex loaded = Artsim.loadIndex(file)) {
                  assertThat(loaded.toString()).contains("storage=" + storage.setting());
                  for (int i = 0; i < 40; i++) {
                    float[] q = RandomVectors.gaussian(r, DIM);
                    assertThat(loaded.search(SearchRequest.of(q, 10))).as(context + " loaded").isEqualTo(index.search(SearchRequest.of(q, 10)));
                  }
                  loaded.addAll(entries.subList(2700, 3000));
                  for (VectorEntry e : entries.subList(3000, 3400)) {
                    loaded.add(e.id(), e.vector(), e.labels());
                  }
                  exact.addAll(entries.subList(2700, 3400));
                  assertThat(loaded.size()).isEqualTo(exact.size());
                  assertThat(recall(loaded, exact, r, 100)).as(context + " after growing the loaded index").isGreaterThanOrEqualTo(0.9);
                }
              }
            });
  }
}
