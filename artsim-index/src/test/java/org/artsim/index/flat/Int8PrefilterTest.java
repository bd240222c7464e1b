package org.artsim.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.index.FlatConfig;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The int8 pre-filter must be invisible: with it, searches return exactly (ids, scores, order)
 * what the plain float scan returns, on clustered, spread, tied and skewed data, with filters and
 * after changes.
 */
class Int8PrefilterTest {

  private static FlatVectorIndex index(int dim, Metric metric, boolean int8) {
    return new FlatVectorIndex(dim, metric, FlatConfig.defaults().withInt8Prefilter(int8));
  }

  private static FlatVectorIndex index(int dim, Metric metric, FlatConfig.Int8Scale scale, FlatConfig.Storage storage) {
    return new FlatVectorIndex(dim, metric, FlatConfig.defaults().withInt8Scale(scale).withStorage(storage));
  }

  private static List<VectorEntry> data(SplittableRandom r, int n, int dim, int kind) {
    var out = new ArrayList<VectorEntry>(n);
    float[][] centres = new float[20][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = RandomVectors.gaussian(r, dim);
    }
    for (int i = 0; i < n; i++) {
      float[] v;
      switch (kind) {
        case 0 -> { // clustered, like image embeddings: many near-ties inside a cluster
          v = centres[r.nextInt(centres.length)].clone();
          for (int d = 0; d < dim; d++) {
            v[d] += (float) (0.05 * RandomVectors.gaussianValue(r));
          }
        }
        case 1 -> v = RandomVectors.smallIntegers(r, dim); // exact ties
        case 2 -> { // skewed ranges: one dimension dominates, others tiny
          v = RandomVectors.gaussian(r, dim);
          v[0] *= 1000;
        }
        default -> v = i > 0 && r.nextInt(4) == 0 ? out.get(r.nextInt(i)).vector().clone() : RandomVectors.gaussian(r, dim);
      }
      out.add(new VectorEntry(String.format("w%05d", i), v, Labels.of("c", "c" + r.nextInt(5))));
    }
    return out;
  }

  @Test
  void resultsEqualThePlainScanExactly() {
    Seeds.stream("int8", 8)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = new int[] {3, 37, 128, 511}[r.nextInt(4)];
              int n = FlatVectorIndex.PREFILTER_MIN_ROWS + r.nextInt(3000);
              Metric metric = r.nextBoolean() ? Metric.COSINE : Metric.DOT;
              int kind = r.nextInt(4);
              var entries = data(r, n, dim, kind);
              var scale = FlatConfig.Int8Scale.values()[r.nextInt(2)];
              var storage = FlatConfig.Storage.values()[r.nextInt(2)];
              var plain = index(dim, metric, false);
              var fast = index(dim, metric, scale, storage);
              plain.addAll(entries);
              fast.addAll(entries);
              String ctx = Seeds.reproduce(seed) + " dim " + dim + " " + metric + " kind " + kind + " " + scale + " " + storage;
              for (int q = 0; q < 12; q++) {
                float[] query = q % 3 == 0 ? entries.get(r.nextInt(n)).vector() : RandomVectors.gaussian(r, dim);
                int k = 1 + r.nextInt(50);
                var filter = q % 4 == 3 ? LabelFilter.anyOf("c", "c1", "c2", "c3") : LabelFilter.none();
                assertThat(fast.search(query, k, filter)).as(ctx).isEqualTo(plain.search(query, k, filter));
              }
              for (int i = 0; i < 500; i++) {
                String id = entries.get(r.nextInt(n)).id();
                plain.remove(id);
                fast.remove(id);
                var v = RandomVectors.gaussian(r, dim);
                plain.put("new" + i, v, Labels.none());
                fast.put("new" + i, v, Labels.none());
              }
              for (int q = 0; q < 5; q++) {
                float[] query = RandomVectors.gaussian(r, dim);
                assertThat(fast.search(query, 10)).as(ctx + " after changes").isEqualTo(plain.search(query, 10));
              }
              plain.close();
              fast.close();
            });
  }

  @Test
  void theSwitchIsSavedWithTheIndex(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    var off = index(4, Metric.COSINE, false);
    off.add("a", new float[] {1, 2, 3, 4});
    off.save(dir.resolve("off.idx"));
    var loaded = (FlatVectorIndex) new FlatIndexProvider().load(dir.resolve("off.idx"));
    assertThat(loaded.search(new float[] {1, 2, 3, 4}, 1)).isEqualTo(off.search(new float[] {1, 2, 3, 4}, 1));
    assertThat(FlatConfig.parse(java.util.Map.of("int8_prefilter", "false")).int8Prefilter()).isFalse();
  }
}
