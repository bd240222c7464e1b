package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.testing.RandomVectors;
import org.junit.jupiter.api.Test;

class LuceneHnswVectorIndexTest extends AbstractHnswIndexTest {

  @Override
  String provider() {
    return "hnsw-lucene";
  }

  @Test
  void aLoadedGraphAnswersLikeTheSavedOneAndKeepsGrowing() {
    var r = new SplittableRandom(31);
    var entries = RandomVectors.entries(r, 3000, 16, 5, false);
    Path file = tmp.resolve("lucene.bin");
    try (VectorIndex index = Artsim.index(HnswConfig.defaults(provider()).withM(6).withEf(12).withThreads(1), 16, Metric.L2)) {
      index.addAll(entries);
      for (int i = 0; i < 300; i++) {
        index.remove(entries.get(i).id());
      }
      index.save(file);
      try (VectorIndex loaded = Artsim.loadIndex(file)) {
        for (int i = 0; i < 30; i++) {
          float[] q = RandomVectors.gaussian(r, 16);
          var f = i % 2 == 0 ? LabelFilter.none() : LabelFilter.anyOf("colour", "c" + (i % 5));
          assertThat(loaded.search(q, 10, f)).isEqualTo(index.search(q, 10, f));
        }
        loaded.add("late", new float[16]);
        assertThat(loaded.search(new float[16], 1).get(0).id()).isEqualTo("late");
      }
    }
  }
}
