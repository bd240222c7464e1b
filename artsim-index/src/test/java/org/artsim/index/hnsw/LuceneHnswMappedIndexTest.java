package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.index.HnswConfig.Quantization;
import org.artsim.index.HnswConfig.Storage;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The {@code "hnsw-lucene"} index with its fp32 vectors memory-mapped off the heap and int8 codes
 * (the configuration for millions of vectors): the whole contract suite and the shared HNSW tests,
 * answers equal to the heap storage's, files that keep the storage, the settings, and a vector file
 * that never outlives its index.
 */
class LuceneHnswMappedIndexTest extends AbstractHnswIndexTest {

  @Override
  String provider() {
    return "hnsw-lucene";
  }

  private HnswConfig mapped() {
    return HnswConfig.defaults(provider()).withQuantization(Quantization.INT8).withStorage(Storage.MAPPED).withDirectory(tmp);
  }

  @Override
  protected VectorIndex newIndex(int dimension, Metric metric) {
    return Artsim.index(mapped().withThreads(2), dimension, metric);
  }

  @Override
  HnswConfig batchConfig() {
    return super.batchConfig().withQuantization(Quantization.INT8).withStorage(Storage.MAPPED).withDirectory(tmp);
  }

  /** Storage only moves the vectors: a single-threaded build answers exactly alike (ids, scores, order), filtered or not. */
  @Test
  void mappedVectorsAnswerExactlyAsHeapVectorsDo() {
    Seeds.stream("hnsw-mapped-equal", 4)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 5 + r.nextInt(40);
              Metric metric = Metric.values()[r.nextInt(Metric.values().length)];
              Quantization quantization = r.nextBoolean() ? Quantization.INT8 : Quantization.NONE;
              var entries = RandomVectors.entries(r, 2500, dim, 4, false);
              HnswConfig base = HnswConfig.defaults(provider()).withM(6).withEf(24).withEfConstruction(40).withThreads(1).withQuantization(quantization);
              try (VectorIndex heap = Artsim.index(base, dim, metric);
                  VectorIndex mapped = Artsim.index(base.withStorage(Storage.MAPPED).withDirectory(tmp), dim, metric)) {
                heap.addAll(entries);
                mapped.addAll(entries);
                for (int i = 0; i < 200; i += 7) {
                  heap.remove(entries.get(i).id());
                  mapped.remove(entries.get(i).id());
                }
                for (int i = 0; i < 30; i++) {
                  float[] q = RandomVectors.gaussian(r, dim);
                  var filter = i % 3 == 0 ? LabelFilter.anyOf("colour", "c" + (i % 4)) : LabelFilter.none();
                  String context = Seeds.reproduce(seed) + " " + metric + " " + quantization + " dim " + dim + " query " + i;
                  assertThat(mapped.search(SearchRequest.of(q, 10).withFilter(filter))).as(context).isEqualTo(heap.search(SearchRequest.of(q, 10).withFilter(filter)));
                }
                assertThat(mapped.vector(entries.get(300).id())).hasValueSatisfying(v -> assertThat(v).isEqualTo(heap.vector(entries.get(300).id()).orElseThrow()));
              }
            });
  }

  @Test
  void aSavedMappedIndexLoadsMappedAndAnswersAlike() {
    var r = new SplittableRandom(5);
    var entries = RandomVectors.entries(r, 2000, 16, 3, false);
    Path file = tmp.resolve("mapped.bin");
    try (VectorIndex index = Artsim.index(mapped().withM(6).withThreads(1), 16, Metric.COSINE)) {
      index.addAll(entries);
      index.save(file);
      try (VectorIndex loaded = Artsim.loadIndex(file)) {
        assertThat(loaded.toString()).contains("storage=mapped", "quantization=int8");
        for (int i = 0; i < 20; i++) {
          float[] q = RandomVectors.gaussian(r, 16);
          assertThat(loaded.search(q, 10)).isEqualTo(index.search(q, 10));
        }
      }
    }
  }

  /** The vector file goes to the configured directory (created if missing) and is unlinked once mapped. */
  @Test
  void theVectorFileIsUnlinkedOnceMapped() throws IOException {
    Path dir = tmp.resolve("vectors").resolve("nested");
    try (VectorIndex index = Artsim.index(mapped().withDirectory(dir), 8, Metric.L2)) {
      index.addAll(RandomVectors.entries(new SplittableRandom(1), 5000, 8, 2, false));
      assertThat(dir).as("the configured directory was used").isDirectory();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).isEmpty();
      }
      assertThat(index.size()).isEqualTo(5000);
    }
  }

  @Test
  void storageIsASettingOfHnswLuceneOnly() {
    assertThat(HnswConfig.defaults().storage()).isEqualTo(Storage.HEAP);
    HnswConfig parsed = HnswConfig.parse(provider(), Map.of("storage", "Mapped", "directory", tmp.toString(), "quantization", "int8"));
    assertThat(parsed.storage()).isEqualTo(Storage.MAPPED);
    assertThat(parsed.directory()).isEqualTo(tmp);
    assertThatThrownBy(() -> HnswConfig.parse(provider(), Map.of("storage", "disk")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("hnsw-lucene: storage must be \"heap\" or \"mapped\", got \"disk\"");
    assertThatThrownBy(() -> HnswConfig.hnswlib().withStorage(Storage.MAPPED))
        .isInstanceOf(ConfigException.class)
        .hasMessage("hnsw: storage mapped is only available with the \"hnsw-lucene\" provider (hnswlib-core keeps its own copy of the vectors); use it, or storage heap");
    assertThatThrownBy(() -> HnswConfig.defaults().withStorage(null)).isInstanceOf(ConfigException.class).hasMessage("hnsw-lucene: storage is null; use Storage.HEAP or Storage.MAPPED");
    assertThatThrownBy(() -> HnswConfig.parse(provider(), Map.of("directory", " ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("directory");
  }
}
