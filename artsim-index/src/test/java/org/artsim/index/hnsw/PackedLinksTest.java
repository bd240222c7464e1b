package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class PackedLinksTest {

  /**
   * A full copy holds each node's level-0 links as the graph has them; a record copied again after
   * {@link PackedLinks#ensureNodes} grew the array holds the same, and records not copied yet are
   * empty.
   */
  @Test
  void copiesHoldTheGraphsLevelZeroLinksAndNewRecordsAreEmpty() {
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
                for (int node = 0; node < n; node++) {
                  builder.addGraphNode(node);
                }
                var graph = builder.getGraph();
                var full = new PackedLinks(2 * m);
                full.copyAll(graph, n);
                var grown = new PackedLinks(2 * m);
                int half = n / 2;
                grown.ensureNodes(half);
                for (int v = 0; v < half; v++) {
                  grown.copy(graph, v);
                }
                grown.ensureNodes(n);
                for (int v = 0; v < n; v++) {
                  int base = v * full.stride();
                  NeighborArray na = graph.getNeighbors(0, v);
                  assertThat(Arrays.copyOfRange(full.array(), base, base + 1 + na.size()))
                      .as(Seeds.reproduce(seed) + " node " + v)
                      .containsExactly(IntStream.concat(IntStream.of(na.size()), Arrays.stream(na.nodes(), 0, na.size())).toArray());
                  if (v < half) {
                    assertThat(Arrays.copyOfRange(grown.array(), base, base + full.stride())).containsExactly(Arrays.copyOfRange(full.array(), base, base + full.stride()));
                  } else {
                    assertThat(grown.array()[base]).as(Seeds.reproduce(seed) + " node " + v).isZero();
                  }
                }
                assertThat(grown.array().length).isGreaterThanOrEqualTo(n * full.stride());
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
  }
}
