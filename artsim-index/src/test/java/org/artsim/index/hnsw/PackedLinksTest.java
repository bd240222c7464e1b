package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class PackedLinksTest {

  /** Copying each inserted node and its neighbours keeps the packed copy equal to a full copy. */
  @Test
  void incrementalCopiesEqualAFullCopyAfterEveryInsertion() {
    Seeds.stream("packed-links", 6)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int n = 300 + r.nextInt(300);
              int dim = 2 + r.nextInt(6);
              List<float[]> vectors = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                vectors.add(RandomVectors.gaussian(r, dim));
              }
              int m = 2 + r.nextInt(4);
              try {
                RandomVectorScorerSupplier scorers =
                    DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                        VectorSimilarityFunction.EUCLIDEAN, FloatVectorValues.fromFloats(vectors, dim));
                HnswGraphBuilder builder = HnswGraphBuilder.create(scorers, m, 20, seed);
                var incremental = new PackedLinks(2 * m);
                for (int node = 0; node < n; node++) {
                  builder.addGraphNode(node);
                  incremental.copyInserted(builder.getGraph(), node);
                  if (node % 97 == 0 || node == n - 1) {
                    var full = new PackedLinks(2 * m);
                    full.copyAll(builder.getGraph(), node + 1);
                    int used = (node + 1) * full.stride();
                    for (int v = 0; v <= node; v++) {
                      int base = v * full.stride();
                      int count = full.array()[base];
                      assertThat(java.util.Arrays.copyOfRange(incremental.array(), base, base + 1 + count))
                          .as(Seeds.reproduce(seed) + " node " + v + " after inserting " + node)
                          .containsExactly(java.util.Arrays.copyOfRange(full.array(), base, base + 1 + count));
                    }
                    assertThat(used).isLessThanOrEqualTo(incremental.array().length);
                  }
                }
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
  }
}
