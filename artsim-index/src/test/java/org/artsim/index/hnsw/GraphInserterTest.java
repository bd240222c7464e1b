package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;
import org.artsim.InvalidArgumentException;
import org.artsim.ProgressTracker;
import org.artsim.testing.Seeds;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;
import org.junit.jupiter.api.Test;

/** {@link GraphInserter} and {@link ParallelLinks} against naive references (L2 scores). */
class GraphInserterTest {

  /** Vectors, a graph and an inserter over them, as the index wires them. */
  private static final class Fixture {
    final float[][] vectors;
    final int m;
    final OnHeapHnswGraph graph;
    final IntFunction<NodeScores> scores;
    final GraphInserter inserter;
    final PackedLinks level0;
    final VectorKernels kernels = VectorKernels.get();

    Fixture(float[][] vectors, int m, int efConstruction, boolean concurrent) {
      this(vectors, m, efConstruction, concurrent, null, true);
    }

    Fixture(float[][] vectors, int m, int efConstruction, boolean concurrent, IntFunction<NodeScores> override, boolean symmetric) {
      this.vectors = vectors;
      this.m = m;
      try {
        this.graph = HnswGraphBuilder.create(new Supplier(), m, efConstruction, 1).getGraph();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int dim = vectors[0].length;
      this.scores = override != null ? override : node -> new Fp32Scores(kernels, Score.NEG_SQUARED_L2, vectors, vectors[node], dim);
      this.level0 = new PackedLinks(2 * m);
      this.inserter = new GraphInserter(graph, level0, m, efConstruction, scores, symmetric, GraphInserterTest::mapped, LuceneScorer::new, concurrent);
    }

    /** Adds and links nodes {@code [from, to)} on the given number of threads. */
    void build(int from, int to, long seed, int threads) {
      int[] levels = GraphInserter.addLevels(graph, m, seed, from, to);
      level0.ensureNodes(to);
      if (threads == 1) {
        for (int node = from; node < to; node++) {
          inserter.link(node, levels[node - from]);
        }
      } else {
        ParallelLinks.run(inserter, levels, from, to, threads, new ProgressTracker("test", to - from, null));
      }
    }

    float l2(int a, int b) {
      return kernels.squaredDistance(vectors[a], 0, vectors[b], 0, vectors[a].length);
    }

    /** The scorer Lucene's {@code addAndEnsureDiversity} uses, over the mapped scores. */
    private final class LuceneScorer implements UpdateableRandomVectorScorer {
      private int from;

      @Override
      public void setScoringOrdinal(int node) {
        from = node;
      }

      @Override
      public float score(int node) {
        return mapped(-l2(from, node));
      }

      @Override
      public int maxOrd() {
        return vectors.length;
      }
    }

    /** Only for creating the empty graph; the inserter never asks it for scorers. */
    private final class Supplier implements RandomVectorScorerSupplier {
      @Override
      public UpdateableRandomVectorScorer scorer() {
        return new LuceneScorer();
      }

      @Override
      public RandomVectorScorerSupplier copy() {
        return this;
      }
    }
  }

  private static float mapped(float artsimScore) {
    return 1 / (1 + Math.max(0f, -artsimScore));
  }

  private static float[][] randomVectors(SplittableRandom r, int n, int dim) {
    float[][] v = new float[n][dim];
    for (float[] row : v) {
      for (int d = 0; d < dim; d++) {
        row[d] = (float) r.nextGaussian();
      }
    }
    return v;
  }

  private static int[] links(OnHeapHnswGraph graph, int level, int node) {
    NeighborArray na = graph.getNeighbors(level, node);
    return Arrays.copyOf(na.nodes(), na.size());
  }

  @Test
  void aNewNodeOnALineLinksOnlyToItsNearestNeighbourOnEachSide() {
    Seeds.stream("inserter-line", 40)
        .forEach(
            seed -> {
              float[][] line = {{1}, {2}, {3}, {-1}, {-2}, {-3}, {0}};
              var f = new Fixture(line, 4, 16, false);
              f.build(0, line.length, seed, 1);
              assertThat(links(f.graph, 0, 6)).as(Seeds.reproduce(seed)).containsExactlyInAnyOrder(0, 3);
            });
  }

  @Test
  void everyListKeepsTheDegreeBoundsAndHoldsNoSelfOrRepeatedLinkAndStoresThePairsScore() {
    Seeds.stream("inserter-lists", 12)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int m = 2 + r.nextInt(10);
              int threads = 1 + r.nextInt(4);
              var f = new Fixture(randomVectors(r, 600 + r.nextInt(1500), 1 + r.nextInt(12)), m, 10 + r.nextInt(60), threads > 1);
              int half = f.vectors.length / 2;
              f.build(0, half, seed, threads);
              f.build(half, f.vectors.length, seed + half, threads);
              String why = Seeds.reproduce(seed) + " m " + m + " threads " + threads;
              assertThat(f.graph.size()).as(why).isEqualTo(f.vectors.length);
              var full = new PackedLinks(2 * m);
              full.copyAll(f.graph, f.vectors.length);
              assertThat(Arrays.copyOf(f.level0.array(), full.array().length)).as(why + ": the level-0 copy kept by the inserter").isEqualTo(full.array());
              for (int level = 0; level < f.graph.numLevels(); level++) {
                int[] nodes = HnswGraphBuilderNodes.onLevel(f.graph, level);
                Set<Integer> onLevel = new HashSet<>();
                for (int node : nodes) {
                  onLevel.add(node);
                }
                for (int node : nodes) {
                  int[] out = links(f.graph, level, node);
                  NeighborArray na = f.graph.getNeighbors(level, node);
                  assertThat(out.length).as(why + " level " + level + " node " + node).isBetween(level == 0 && f.vectors.length > 1 ? 1 : 0, level == 0 ? 2 * m : m);
                  Set<Integer> seen = new HashSet<>();
                  for (int i = 0; i < out.length; i++) {
                    assertThat(out[i]).as(why).isNotEqualTo(node);
                    assertThat(seen.add(out[i])).as(why + " repeated link " + out[i] + " of " + node).isTrue();
                    assertThat(onLevel).as(why).contains(out[i]);
                    assertThat(na.getScores(i)).as(why).isEqualTo(mapped(-f.l2(node, out[i])));
                  }
                }
              }
            });
  }

  /**
   * Freezing keeps every link in its order, and thawing gives back the builder's graph: the same
   * links with the same stored scores (fp32 scores are symmetric, so a link scored from its node
   * equals the score the builder stored from either end), on every level.
   */
  @Test
  void aFrozenGraphThawsToTheBuildersLinksAndScores() {
    Seeds.stream("frozen-thaw", 4)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int n = 1500;
              var f = new Fixture(randomVectors(r, n, 8), 6, 40, false);
              f.build(0, n, seed, 1);
              var growable = new LuceneGraphView(f.graph, f.level0, 6);
              var frozen = FrozenGraph.of(growable);
              OnHeapHnswGraph thawed;
              try {
                thawed = frozen.thaw(HnswGraphBuilder.create(f.new Supplier(), 6, 40, 1).getGraph(), f.scores, GraphInserterTest::mapped);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              assertThat(thawed.numLevels()).isEqualTo(f.graph.numLevels());
              assertThat(thawed.entryNode()).isEqualTo(f.graph.entryNode());
              for (int level = 0; level < f.graph.numLevels(); level++) {
                int[] nodes = HnswGraph.NodesIterator.getSortedNodes(f.graph.getNodesOnLevel(level));
                assertThat(HnswGraph.NodesIterator.getSortedNodes(thawed.getNodesOnLevel(level))).isEqualTo(nodes);
                for (int node : nodes) {
                  NeighborArray built = f.graph.getNeighbors(level, node);
                  NeighborArray again = thawed.getNeighbors(level, node);
                  String where = Seeds.reproduce(seed) + " level " + level + " node " + node;
                  assertThat(Arrays.copyOf(again.nodes(), again.size())).as(where).isEqualTo(Arrays.copyOf(built.nodes(), built.size()));
                  for (int i = 0; i < built.size(); i++) {
                    assertThat(again.getScores(i)).as(where + " link " + i).isEqualTo(built.getScores(i));
                  }
                }
              }
            });
  }

  @Test
  void findsTheNearestNeighboursANaiveScanFinds() {
    Seeds.stream("inserter-recall", 6)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int n = 3000;
              int threads = 1 + (int) (seed & 1) * 2;
              var f = new Fixture(randomVectors(r, n + 50, 8), 12, 80, threads > 1);
              f.build(0, n, seed, threads);
              var growable = new LuceneGraphView(f.graph, f.level0, 12);
              var frozen = FrozenGraph.of(growable);
              int hits = 0;
              for (int q = n; q < n + 50; q++) {
                NodeScores scores = f.scores.apply(q);
                int[] nodes = new int[60];
                float[] nodeScores = new float[60];
                int count = new BeamSearch().search(growable, scores, n, 60, null, nodes, nodeScores);
                int[] frozenNodes = new int[60];
                float[] frozenScores = new float[60];
                int frozenCount = new BeamSearch().search(frozen, scores, n, 60, null, frozenNodes, frozenScores);
                assertThat(frozenNodes).as("the frozen graph searches as the growable one does").isEqualTo(nodes);
                assertThat(frozenScores).isEqualTo(nodeScores);
                assertThat(frozenCount).isEqualTo(count);
                Set<Integer> found = new HashSet<>();
                for (int i = 0; i < Math.min(10, count); i++) {
                  found.add(nodes[i]);
                }
                for (int exact : naiveNearest(f, q, n, 10)) {
                  hits += found.contains(exact) ? 1 : 0;
                }
              }
              assertThat(hits / 500.0).as(Seeds.reproduce(seed) + " threads " + threads).isGreaterThanOrEqualTo(0.95);
            });
  }

  private static List<Integer> naiveNearest(Fixture f, int q, int n, int k) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    all.sort((a, b) -> Float.compare(f.l2(q, a), f.l2(q, b)));
    return all.subList(0, k);
  }

  @Test
  void aSingleThreadedBuildIsReproducibleAndLevelsDoNotDependOnThreads() {
    Seeds.stream("inserter-repro", 4)
        .forEach(
            seed -> {
              float[][] v = randomVectors(new SplittableRandom(seed), 1500, 6);
              var a = new Fixture(v, 8, 40, false);
              var b = new Fixture(v, 8, 40, false);
              var c = new Fixture(v, 8, 40, true);
              a.build(0, v.length, seed, 1);
              b.build(0, v.length, seed, 1);
              c.build(0, v.length, seed, 2);
              assertThat(a.graph.numLevels()).isEqualTo(c.graph.numLevels());
              for (int level = 0; level < a.graph.numLevels(); level++) {
                int[] nodes = HnswGraphBuilderNodes.onLevel(a.graph, level);
                assertThat(nodes).as(Seeds.reproduce(seed)).isEqualTo(HnswGraphBuilderNodes.onLevel(c.graph, level));
                for (int node : nodes) {
                  assertThat(links(b.graph, level, node)).as(Seeds.reproduce(seed)).isEqualTo(links(a.graph, level, node));
                }
              }
              assertThat(b.graph.entryNode()).isEqualTo(a.graph.entryNode());
            });
  }

  /** Fp32 scores are symmetric, so checking diversity from the kept nodes (as int8 graphs do) or from the candidate builds the same graph. */
  @Test
  void diversityScoredFromEitherSideBuildsTheSameGraphForSymmetricScores() {
    Seeds.stream("inserter-sides", 4)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              float[][] v = randomVectors(r, 1200, 1 + r.nextInt(20));
              var fromCandidate = new Fixture(v, 6, 30, false, null, true);
              var fromKept = new Fixture(v, 6, 30, false, null, false);
              fromCandidate.build(0, v.length, seed, 1);
              fromKept.build(0, v.length, seed, 1);
              for (int level = 0; level < fromKept.graph.numLevels(); level++) {
                for (int node : HnswGraphBuilderNodes.onLevel(fromKept.graph, level)) {
                  assertThat(links(fromCandidate.graph, level, node)).as(Seeds.reproduce(seed) + " level " + level + " node " + node).isEqualTo(links(fromKept.graph, level, node));
                }
              }
            });
  }

  @Test
  void levelsFollowTheGeometricDistributionOfRatioOneOverM() {
    var f = new Fixture(new float[][] {{0}}, 16, 10, false);
    int n = 40_000;
    int[] levels = GraphInserter.addLevels(f.graph, 16, 7, 0, n);
    assertThat(levels).isEqualTo(GraphInserter.addLevels(new Fixture(new float[][] {{0}}, 16, 10, false).graph, 16, 7, 0, n));
    long above0 = Arrays.stream(levels).filter(l -> l >= 1).count();
    long above1 = Arrays.stream(levels).filter(l -> l >= 2).count();
    assertThat(above0 / (double) n).isCloseTo(1 / 16.0, org.assertj.core.data.Offset.offset(0.006));
    assertThat(above1 / (double) n).isCloseTo(1 / 256.0, org.assertj.core.data.Offset.offset(0.0015));
  }

  @Test
  void aFailureOnAWorkerThreadIsRethrownToTheCaller() {
    float[][] v = randomVectors(new SplittableRandom(5), 2000, 4);
    VectorKernels kernels = VectorKernels.get();
    var f =
        new Fixture(
            v,
            8,
            20,
            true,
            node -> {
              if (node == 1500) {
                throw new InvalidArgumentException("node 1500 cannot be scored");
              }
              return new Fp32Scores(kernels, Score.NEG_SQUARED_L2, v, v[node], 4);
            },
            true);
    assertThatThrownBy(() -> f.build(0, v.length, 5, 3)).isInstanceOf(InvalidArgumentException.class).hasMessage("node 1500 cannot be scored");
  }

  @Test
  void parallelLinkingReportsEveryNodeToTheTracker() {
    float[][] v = randomVectors(new SplittableRandom(9), 1000, 4);
    var f = new Fixture(v, 6, 20, true);
    int[] levels = GraphInserter.addLevels(f.graph, 6, 9, 0, v.length);
    f.level0.ensureNodes(v.length);
    var done = new AtomicLong();
    ParallelLinks.run(f.inserter, levels, 0, v.length, 3, new ProgressTracker("test", v.length, p -> done.set(p.done())));
    assertThat(done.get()).isEqualTo(v.length);
  }

  /** The sorted nodes of a level. */
  private static final class HnswGraphBuilderNodes {
    static int[] onLevel(OnHeapHnswGraph graph, int level) {
      return org.apache.lucene.util.hnsw.HnswGraph.NodesIterator.getSortedNodes(graph.getNodesOnLevel(level));
    }
  }
}
