package org.artsim.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.FlatConfig;
import org.artsim.index.FlatConfig.Int8Scale;
import org.artsim.index.FlatConfig.Quantization;
import org.artsim.index.FlatConfig.Storage;
import org.artsim.index.Verifiable;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.artsim.vector.VectorKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every storage and quantisation of the flat index returns exactly (ids, scores, order) what the
 * float32 heap scan returns: mapped, int8 scaled per vector and per dimension, for every metric,
 * with and without label filters, single and batch, after changes, and after a save and reopen
 * (a mapped file is reopened by mapping it).
 */
class FlatStorageEquivalenceTest {
  private static final FlatConfig REFERENCE = FlatConfig.defaults().withQuantization(Quantization.NONE);
  private static final List<FlatConfig> OTHERS =
      List.of(
          FlatConfig.defaults().withInt8Scale(Int8Scale.PER_VECTOR),
          FlatConfig.defaults().withInt8Scale(Int8Scale.PER_DIMENSION),
          REFERENCE.withStorage(Storage.MAPPED),
          FlatConfig.defaults().withStorage(Storage.MAPPED).withInt8Scale(Int8Scale.PER_VECTOR),
          FlatConfig.defaults().withStorage(Storage.MAPPED).withInt8Scale(Int8Scale.PER_DIMENSION));

  @TempDir Path tmp;

  static List<VectorEntry> data(SplittableRandom r, int n, int dim, int kind) {
    var out = new ArrayList<VectorEntry>(n);
    float[][] centres = new float[20][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = RandomVectors.gaussian(r, dim);
    }
    for (int i = 0; i < n; i++) {
      float[] v;
      switch (kind) {
        case 0 -> {
          v = centres[r.nextInt(centres.length)].clone();
          for (int d = 0; d < dim; d++) {
            v[d] += (float) (0.05 * RandomVectors.gaussianValue(r));
          }
        }
        case 1 -> v = RandomVectors.smallIntegers(r, dim);
        case 2 -> {
          v = RandomVectors.gaussian(r, dim);
          v[0] *= 1000;
        }
        default -> v = i > 0 && r.nextInt(4) == 0 ? out.get(r.nextInt(i)).vector().clone() : RandomVectors.gaussian(r, dim);
      }
      out.add(new VectorEntry(String.format("w%05d", i), v, Labels.of("c", "c" + r.nextInt(5), "rare", r.nextInt(40) == 0 ? "yes" : "no")));
    }
    return out;
  }

  private static LabelFilter filter(int q) {
    return switch (q % 4) {
      case 1 -> LabelFilter.anyOf("c", "c1", "c2", "c3");
      case 2 -> LabelFilter.anyOf("rare", "yes");
      default -> LabelFilter.none();
    };
  }

  private static void compare(VectorIndex reference, List<VectorIndex> others, SplittableRandom r, int dim, String ctx) {
    for (int q = 0; q < 8; q++) {
      float[] query = RandomVectors.gaussian(r, dim);
      int k = 1 + r.nextInt(60);
      var request = SearchRequest.of(query, k).withFilter(filter(q));
      var expected = reference.search(request);
      for (VectorIndex other : others) {
        assertThat(other.search(request)).as(ctx + " " + other + " query " + q).isEqualTo(expected);
      }
    }
    float[][] batch = new float[5][];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = RandomVectors.gaussian(r, dim);
    }
    var expected = reference.searchBatch(batch, 7, LabelFilter.none());
    for (VectorIndex other : others) {
      assertThat(other.searchBatch(batch, 7, LabelFilter.none())).as(ctx + " batch " + other).isEqualTo(expected);
    }
  }

  @Test
  void everyStorageAndQuantisationReturnsTheFloat32HeapTopKExactly() {
    Seeds.stream("flat-storage", 10)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = new int[] {3, 24, 67, 128}[r.nextInt(4)];
              int n = FlatVectorIndex.PREFILTER_MIN_ROWS + r.nextInt(2500);
              Metric metric = Metric.values()[r.nextInt(Metric.values().length)];
              int kind = r.nextInt(4);
              var entries = data(r, n, dim, kind);
              String ctx = Seeds.reproduce(seed) + " dim " + dim + " n " + n + " " + metric + " kind " + kind;
              var all = new ArrayList<VectorIndex>();
              try {
                VectorIndex reference = Artsim.index(REFERENCE, dim, metric);
                all.add(reference);
                var others = new ArrayList<VectorIndex>();
                for (FlatConfig c : OTHERS) {
                  VectorIndex index = Artsim.index(c, dim, metric);
                  all.add(index);
                  others.add(index);
                }
                for (VectorIndex index : all) {
                  index.addAll(entries.subList(0, n / 2));
                  for (VectorEntry e : entries.subList(n / 2, n)) {
                    index.add(e.id(), e.vector(), e.labels());
                  }
                }
                compare(reference, others, r, dim, ctx);
                for (int i = 0; i < 300; i++) {
                  String id = entries.get(r.nextInt(n)).id();
                  var v = RandomVectors.gaussian(r, dim);
                  var w = RandomVectors.gaussian(r, dim);
                  String other = entries.get(r.nextInt(n)).id();
                  for (VectorIndex index : all) {
                    index.remove(id);
                    index.put("new" + i, v, Labels.of("c", "c" + (i % 5), "rare", "no"));
                    if (index.contains(other)) {
                      index.update(other, w, Labels.of("c", "c1", "rare", "yes"));
                    }
                  }
                }
                compare(reference, others, r, dim, ctx + " after changes");
                var reopened = new ArrayList<VectorIndex>();
                for (int i = 0; i < others.size(); i++) {
                  Path file = tmp.resolve(seed + "-" + i + ".idx");
                  others.get(i).save(file);
                  VectorIndex back = Artsim.loadIndex(file);
                  all.add(back);
                  reopened.add(back);
                  ((Verifiable) back).verify();
                  assertThat(back.toString()).as(ctx).endsWith(others.get(i).toString().substring(others.get(i).toString().indexOf(", kernels")));
                }
                compare(reference, reopened, r, dim, ctx + " reopened");
              } finally {
                all.forEach(VectorIndex::close);
              }
            });
  }

  @Test
  void searchesDuringAddsAcrossTheInt8FitStayOrderedAndFiltered() throws Exception {
    var r = new SplittableRandom(21);
    int dim = 24;
    var entries = data(r, 9000, dim, 0);
    for (FlatConfig config : List.of(OTHERS.get(3), OTHERS.get(4))) {
      try (VectorIndex index = Artsim.index(config, dim, Metric.COSINE)) {
        index.addAll(entries.subList(0, 3000));
        var failures = new java.util.concurrent.CopyOnWriteArrayList<Throwable>();
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer =
            new Thread(
                () -> {
                  try {
                    for (VectorEntry e : entries.subList(3000, 9000)) {
                      index.add(e.id(), e.vector(), e.labels());
                    }
                  } catch (Throwable t) {
                    failures.add(t);
                  } finally {
                    done.set(true);
                  }
                });
        var readers = new ArrayList<Thread>();
        for (int t = 0; t < 2; t++) {
          long seed = t;
          readers.add(
              new Thread(
                  () -> {
                    var rr = new SplittableRandom(seed);
                    try {
                      while (!done.get()) {
                        var hits = index.search(SearchRequest.of(RandomVectors.gaussian(rr, dim), 10).withFilter(LabelFilter.anyOf("c", "c1")));
                        assertThat(hits).hasSize(10).allSatisfy(h -> assertThat(h.label("c")).isEqualTo("c1"));
                        for (int i = 1; i < hits.size(); i++) {
                          assertThat(hits.get(i - 1).score()).isGreaterThanOrEqualTo(hits.get(i).score());
                        }
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }));
        }
        readers.forEach(Thread::start);
        writer.start();
        writer.join();
        for (Thread t : readers) {
          t.join();
        }
        assertThat(failures).as(config.toString()).isEmpty();
        try (VectorIndex reference = Artsim.index(REFERENCE, dim, Metric.COSINE)) {
          reference.addAll(entries);
          float[] q = RandomVectors.gaussian(r, dim);
          assertThat(index.search(q, 10)).isEqualTo(reference.search(q, 10));
        }
      }
    }
  }

  @Test
  void theCodesRuleOutMostRowsOnClusteredUnitVectors() {
    var r = new SplittableRandom(3);
    int dim = 64;
    var entries = data(r, 8000, dim, 0);
    for (Int8Scale scale : Int8Scale.values()) {
      for (Storage storage : Storage.values()) {
        try (var index = new FlatVectorIndex(dim, Metric.COSINE, FlatConfig.defaults().withInt8Scale(scale).withStorage(storage))) {
          index.addAll(entries);
          float[] q = entries.get(17).vector().clone();
          org.artsim.vector.Vectors.normaliseInPlace(q);
          var top = index.items().topK(10);
          int rescored = index.prefilter().search(VectorKernels.get(), q, index.vectors(), index.size(), null, 10, top, index.vectors().newScratch(1));
          assertThat(rescored).as(scale + " " + storage).isBetween(10, 8000 / 4);
        }
      }
    }
  }
}
