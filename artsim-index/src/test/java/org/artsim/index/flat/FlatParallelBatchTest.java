package org.artsim.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
import org.artsim.index.FlatConfig;
import org.artsim.index.FlatConfig.Quantization;
import org.artsim.index.FlatConfig.Storage;
import org.artsim.index.support.ParallelQueries;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch answered on several threads ({@code search_threads}) returns exactly (ids, scores,
 * order) what a loop of single-query searches returns, for every storage and quantisation, with
 * and without label filters, and whatever the thread count.
 */
class FlatParallelBatchTest {
  @TempDir Path tmp;

  /** One random case: dimension, metric, storage and quantisation drawn from {@code r}, n rows of data. */
  private record Case(int dim, Metric metric, FlatConfig config, List<VectorEntry> entries, String ctx) {
    static Case draw(long seed, SplittableRandom r, int n, int threads, Path tmp) {
      int dim = new int[] {1, 7, 16, 33, 64, 100}[r.nextInt(6)];
      Metric metric = Metric.values()[r.nextInt(Metric.values().length)];
      Storage storage = r.nextBoolean() ? Storage.MAPPED : Storage.HEAP;
      Quantization quantization = r.nextBoolean() ? Quantization.INT8 : Quantization.NONE;
      FlatConfig config = FlatConfig.defaults().withStorage(storage).withQuantization(quantization).withDirectory(tmp).withSearchThreads(threads);
      var entries = FlatStorageEquivalenceTest.data(r, n, dim, r.nextInt(4));
      String ctx = Seeds.reproduce(seed) + " dim " + dim + " n " + n + " " + metric + " threads " + threads + " " + storage + " " + quantization;
      return new Case(dim, metric, config, entries, ctx);
    }
  }

  private static LabelFilter filter(int kind) {
    return switch (kind) {
      case 1 -> LabelFilter.anyOf("c", "c1", "c2", "c3");
      case 2 -> LabelFilter.anyOf("rare", "yes");
      case 3 -> LabelFilter.anyOf("c", "nowhere");
      default -> LabelFilter.none();
    };
  }

  @Test
  void aParallelBatchEqualsTheSingleQueryLoopExactly() {
    Seeds.stream("flat-parallel-batch", 24)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int n = r.nextInt(4) == 0 ? FlatVectorIndex.PREFILTER_MIN_ROWS + r.nextInt(800) : 1 + r.nextInt(700);
              Case c = Case.draw(seed, r, n, new int[] {1, 2, 3, 7}[r.nextInt(4)], tmp);
              int dim = c.dim();
              Metric metric = c.metric();
              FlatConfig config = c.config();
              var entries = c.entries();
              String ctx = c.ctx();
              try (VectorIndex index = Artsim.index(config, dim, metric);
                  VectorIndex oneThread = Artsim.index(config.withSearchThreads(1), dim, metric)) {
                index.addAll(entries);
                oneThread.addAll(entries);
                int nq = 1 + r.nextInt(r.nextBoolean() ? 12 : 150);
                float[][] queries = new float[nq][];
                for (int i = 0; i < nq; i++) {
                  queries[i] = r.nextInt(5) == 0 ? entries.get(r.nextInt(n)).vector().clone() : RandomVectors.gaussian(r, dim);
                }
                int k = 1 + r.nextInt(r.nextBoolean() ? 10 : n + 5);
                LabelFilter f = filter(r.nextInt(4));
                List<List<Hit>> batch = index.searchBatch(queries, k, f);
                assertThat(batch).as(ctx).hasSize(nq);
                for (int i = 0; i < nq; i++) {
                  List<Hit> single = index.search(SearchRequest.of(queries[i], k).withFilter(f));
                  assertThat(batch.get(i)).as(ctx + " query " + i + " k " + k + " " + f).isEqualTo(single);
                }
                assertThat(oneThread.searchBatch(queries, k, f)).as(ctx + " one thread").isEqualTo(batch);
              }
            });
  }

  /**
   * One query whose rows are scanned in parts on several threads (lowered split size, so small
   * indexes take that path) returns exactly what one pass returns: ties, copies, filters, int8 and
   * float32, heap and mapped.
   */
  @Test
  void aSplitSingleQueryEqualsOnePassExactly() {
    Seeds.stream("flat-split-single", 24)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int n = r.nextInt(3) == 0 ? 1 + r.nextInt(300) : FlatVectorIndex.PREFILTER_MIN_ROWS + r.nextInt(3000);
              Case c = Case.draw(seed, r, n, new int[] {2, 3, 4, 7}[r.nextInt(4)], tmp);
              int dim = c.dim();
              Metric metric = c.metric();
              FlatConfig config = c.config();
              var entries = c.entries();
              String ctx = c.ctx();
              try (var split = (FlatVectorIndex) Artsim.index(config, dim, metric);
                  VectorIndex onePass = Artsim.index(config.withSearchThreads(1), dim, metric)) {
                split.splitRowsForTests(1 + r.nextInt(Math.max(1, n / 2)));
                split.addAll(entries);
                onePass.addAll(entries);
                for (int q = 0; q < 15; q++) {
                  float[] query = r.nextInt(3) == 0 ? entries.get(r.nextInt(n)).vector().clone() : RandomVectors.gaussian(r, dim);
                  int k = 1 + r.nextInt(r.nextBoolean() ? 10 : n + 5);
                  LabelFilter f = filter(r.nextInt(4));
                  var request = SearchRequest.of(query, k).withFilter(f);
                  assertThat(split.search(request)).as(ctx + " query " + q + " k " + k + " " + f).isEqualTo(onePass.search(request));
                }
              }
            });
  }

  @Test
  void searchThreadsIsASettingValidatedWithATypedError() {
    assertThat(FlatConfig.defaults().searchThreads()).isEqualTo(ParallelQueries.DEFAULT_THREADS).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(FlatConfig.parse(Map.of("search_threads", "3"))).isEqualTo(FlatConfig.defaults().withSearchThreads(3));
    assertThat(new FlatConfig(1024, Storage.HEAP, Quantization.INT8, FlatConfig.Int8Scale.PER_VECTOR, null).searchThreads())
        .as("the settings before search threads existed take the default")
        .isEqualTo(ParallelQueries.DEFAULT_THREADS);
    assertThatThrownBy(() -> FlatConfig.defaults().withSearchThreads(0))
        .isInstanceOf(ConfigException.class)
        .hasMessage("flat: search_threads must be in [1, 1024], got 0; 1 answers a batch on the calling thread");
    assertThatThrownBy(() -> Artsim.index("flat", 3, Metric.L2, Map.of("search_threads", "1025")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("flat: search_threads must be in [1, 1024], got 1025; 1 answers a batch on the calling thread");
    assertThatThrownBy(() -> Artsim.index("flat", 3, Metric.L2, Map.of("search_threads", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flat")
        .hasMessageContaining("'search_threads'");
  }

  @Test
  void searchThreadsIsNotSavedALoadedIndexUsesTheDefault() {
    for (Storage storage : Storage.values()) {
      Path file = tmp.resolve("threads-" + storage + ".idx");
      try (var index = new FlatVectorIndex(4, Metric.DOT, FlatConfig.defaults().withStorage(storage).withDirectory(tmp).withSearchThreads(5))) {
        index.add("a", new float[] {1, 2, 3, 4}, Labels.of());
        index.save(file);
      }
      try (VectorIndex back = Artsim.loadIndex(file)) {
        assertThat(((FlatVectorIndex) back).config().searchThreads()).as(storage.toString()).isEqualTo(ParallelQueries.DEFAULT_THREADS);
        assertThat(((FlatVectorIndex) back).config().storage()).isEqualTo(storage);
      }
    }
  }

  @Test
  void aBadQueryInAParallelBatchIsReportedTypedWithItsIndex() {
    try (VectorIndex index = Artsim.index(FlatConfig.defaults().withSearchThreads(4), 3, Metric.COSINE)) {
      var entries = new ArrayList<VectorEntry>();
      for (int i = 0; i < 100; i++) {
        entries.add(new VectorEntry("v" + i, new float[] {i, 1, 2}, Labels.of()));
      }
      index.addAll(entries);
      float[][] queries = new float[70][];
      for (int i = 0; i < queries.length; i++) {
        queries[i] = new float[] {1, i, 3};
      }
      queries[65] = new float[] {1, 2};
      assertThatThrownBy(() -> index.searchBatch(queries, 3, LabelFilter.none()))
          .isInstanceOf(org.artsim.InvalidArgumentException.class)
          .hasMessageContaining("query 65");
    }
  }
}
