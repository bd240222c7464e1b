package org.artsim.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.Artsim;
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
import org.artsim.testing.Seeds;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch path scores packed rows in another summation order than single searches and re-scores
 * only the rows near each query's k-th best ({@link PackedCandidates}); these cases are built so
 * that the two orders disagree and scores nearly tie, and the batch must still equal the single
 * searches exactly.
 */
class FlatPackedBatchTest {
  @TempDir Path tmp;

  /**
   * Rows that are one large vector with alternating signs plus small noise: every score is a large
   * sum that cancels to a small one, so the two summation orders round differently and the top
   * scores lie within a few ulps of each other. Copies of rows (exact ties) are mixed in.
   */
  private static List<VectorEntry> cancelling(SplittableRandom r, int n, int dim) {
    float[] base = new float[dim];
    for (int i = 0; i < dim; i++) {
      base[i] = (float) ((i % 2 == 0 ? 1 : -1) * (1000 + r.nextInt(1000)));
    }
    var out = new ArrayList<VectorEntry>(n);
    for (int j = 0; j < n; j++) {
      float[] v;
      if (j > 0 && r.nextInt(6) == 0) {
        v = out.get(r.nextInt(j)).vector().clone();
      } else {
        v = base.clone();
        for (int i = 0; i < dim; i++) {
          v[i] += (float) (r.nextGaussian() * 1e-3);
        }
      }
      out.add(new VectorEntry("v" + j, v, r.nextBoolean() ? Labels.of("c", "a") : Labels.of("c", "b")));
    }
    return out;
  }

  @Test
  void theCasesMakeTheTwoSummationOrdersDisagree() {
    VectorKernels kernels = VectorKernels.get();
    var r = new SplittableRandom(7);
    int dim = 96;
    var rows = cancelling(r, 40, dim);
    float[] flat = new float[40 * dim];
    for (int j = 0; j < 40; j++) {
      System.arraycopy(rows.get(j).vector(), 0, flat, j * dim, dim);
    }
    float[] packed = new float[dim * kernels.packedStride(40)];
    kernels.packRows(flat, dim, 0, 40, packed);
    float[] q = rows.get(3).vector().clone();
    float[] out = new float[kernels.packedStride(40)];
    kernels.scorePacked(Score.DOT, q, 0, 1, packed, dim, 40, out);
    int differ = 0;
    for (int j = 0; j < 40; j++) {
      differ += out[j] != kernels.dot(q, 0, flat, j * dim, dim) ? 1 : 0;
    }
    assertThat(differ).as("pairs whose packed and single-query scores differ").isPositive();
  }

  @Test
  void aBatchOverCancellingNearTiesEqualsSingleSearchesExactly() {
    Seeds.stream("flat-packed-near-ties", 16)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = new int[] {3, 16, 40, 96, 130}[r.nextInt(5)];
              int n = 1 + r.nextInt(r.nextBoolean() ? 200 : 1500);
              Metric metric = new Metric[] {Metric.DOT, Metric.L2, Metric.COSINE}[r.nextInt(3)];
              Storage storage = r.nextBoolean() ? Storage.MAPPED : Storage.HEAP;
              FlatConfig config = FlatConfig.defaults().withStorage(storage).withQuantization(Quantization.NONE).withDirectory(tmp).withSearchThreads(1 + r.nextInt(3));
              var entries = cancelling(r, n, dim);
              String ctx = Seeds.reproduce(seed) + " dim " + dim + " n " + n + " " + metric + " " + storage;
              try (VectorIndex index = Artsim.index(config, dim, metric)) {
                index.addAll(entries);
                int nq = 1 + r.nextInt(40);
                float[][] queries = new float[nq][];
                for (int i = 0; i < nq; i++) {
                  queries[i] = entries.get(r.nextInt(n)).vector().clone();
                  queries[i][r.nextInt(dim)] += (float) r.nextGaussian() * 1e-3f;
                }
                int k = 1 + r.nextInt(r.nextBoolean() ? 10 : n + 3);
                LabelFilter f = r.nextBoolean() ? LabelFilter.none() : LabelFilter.anyOf("c", "a");
                List<List<Hit>> batch = index.searchBatch(queries, k, f);
                for (int i = 0; i < nq; i++) {
                  assertThat(batch.get(i)).as(ctx + " query " + i + " k " + k).isEqualTo(index.search(SearchRequest.of(queries[i], k).withFilter(f)));
                }
              }
            });
  }

  @Test
  void aCollectorGivesUpOnlyWhenMoreRowsThanItsLimitTieAtTheThreshold() {
    float[] q = {1, 0};
    var tied = new PackedCandidates(Score.DOT, q, 0, 2, 3);
    float[] scores = new float[PackedCandidates.LIMIT + 10];
    java.util.Arrays.fill(scores, 0.5f);
    tied.rowsUpTo(1);
    tied.offer(scores, 0, 0, scores.length, null);
    assertThat(tied.givenUp()).isTrue();

    var spread = new PackedCandidates(Score.DOT, q, 0, 2, 3);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i;
    }
    spread.rowsUpTo(1);
    spread.offer(scores, 0, 0, scores.length, null);
    assertThat(spread.givenUp()).as("rising scores: the bound drops the old rows as it tightens").isFalse();
  }

  /** Finite vectors whose scores or norms overflow float: the bound must not turn into NaN and drop rows. */
  @Test
  void overflowingScoresStillEqualSingleSearches() {
    var r = new SplittableRandom(11);
    var entries = new ArrayList<VectorEntry>();
    for (int j = 0; j < 300; j++) {
      float big = j % 3 == 0 ? 3e19f : (float) r.nextGaussian();
      entries.add(new VectorEntry("v" + j, new float[] {big, (float) r.nextGaussian(), j % 7 == 0 ? -big : 1}, Labels.none()));
    }
    for (Metric metric : new Metric[] {Metric.DOT, Metric.L2}) {
      try (VectorIndex index = Artsim.index(FlatConfig.defaults().withQuantization(Quantization.NONE).withSearchThreads(1), 3, metric)) {
        index.addAll(entries);
        float[][] queries = {{3e19f, 1, 1}, {1, 1, 1}, {-3e19f, 0, 2}};
        List<List<Hit>> batch = index.searchBatch(queries, 5, LabelFilter.none());
        for (int i = 0; i < queries.length; i++) {
          assertThat(batch.get(i)).as(metric + " query " + i).isEqualTo(index.search(queries[i], 5));
        }
      }
    }
  }

  /** Vectors so small that their products are subnormal: rounding there is absolute, not relative. */
  @Test
  void subnormalScoresStillEqualSingleSearches() {
    Seeds.stream("flat-packed-subnormal", 6)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(40);
              var entries = new ArrayList<VectorEntry>();
              for (int j = 0; j < 400; j++) {
                float[] v = new float[dim];
                for (int d = 0; d < dim; d++) {
                  v[d] = (float) (r.nextGaussian() * 1e-22);
                }
                entries.add(new VectorEntry("v" + j, v, Labels.none()));
              }
              for (Metric metric : new Metric[] {Metric.DOT, Metric.L2}) {
                try (VectorIndex index = Artsim.index(FlatConfig.defaults().withQuantization(Quantization.NONE).withSearchThreads(1), dim, metric)) {
                  index.addAll(entries);
                  float[][] queries = new float[8][];
                  for (int i = 0; i < queries.length; i++) {
                    queries[i] = entries.get(r.nextInt(400)).vector().clone();
                    queries[i][0] *= 1.5f;
                  }
                  List<List<Hit>> batch = index.searchBatch(queries, 7, LabelFilter.none());
                  for (int i = 0; i < queries.length; i++) {
                    assertThat(batch.get(i)).as(Seeds.reproduce(seed) + " " + metric + " query " + i).isEqualTo(index.search(queries[i], 7));
                  }
                }
              }
            });
  }

  /** More tied rows than a query may keep: the query falls back to the single-query scan. */
  @Test
  void aQueryWithMoreTiesThanItMayKeepFallsBackToTheSingleScan() {
    int n = PackedCandidates.LIMIT + 5_000;
    var entries = new ArrayList<VectorEntry>(n);
    for (int j = 0; j < n; j++) {
      entries.add(new VectorEntry("v" + j, j % 1000 == 999 ? new float[] {1, 0.5f, j} : new float[] {1, 2, 3}, Labels.none()));
    }
    try (VectorIndex index = Artsim.index(FlatConfig.defaults().withQuantization(Quantization.NONE).withSearchThreads(2), 3, Metric.DOT)) {
      index.addAll(entries);
      float[][] queries = {{1, 1, 1}, {0, 0, 1}, {1, 2, 3}, {-1, -2, -3}};
      List<List<Hit>> batch = index.searchBatch(queries, 7, LabelFilter.none());
      for (int i = 0; i < queries.length; i++) {
        assertThat(batch.get(i)).as("query " + i).isEqualTo(index.search(queries[i], 7));
      }
    }
  }
}
