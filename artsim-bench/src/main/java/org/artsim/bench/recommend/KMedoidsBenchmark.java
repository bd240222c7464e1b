package org.artsim.bench.recommend;

import java.util.concurrent.TimeUnit;
import org.artsim.Metric;
import org.artsim.recommend.cluster.Dissimilarity;
import org.artsim.recommend.cluster.KMedoids;
import org.artsim.recommend.cluster.KMedoidsConfig;
import org.artsim.recommend.cluster.KMedoidsResult;
import elki.data.NumberVector;
import elki.database.query.distance.DistanceQuery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FasterPAM's swap phase, artsim beside ELKI 0.8.0, on the same data from the same starting
 * medoids (artsim's seeded LAB), each from its own precomputed distance matrix (built in the first
 * warm-up call, so it is not in the measured figures). Defaults finish in a few minutes on 2 cores; the n = 10,000
 * figures in {@code results/recommend.md} were taken with {@code -p n=10000}. Losses are compared by
 * {@link KMedoidsSideBySide}, which also times the matrices.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx4g"})
@State(Scope.Benchmark)
public class KMedoidsBenchmark {
  @Param({"fmnist"})
  public String data;

  @Param({"3000"})
  public int n;

  @Param({"10", "100"})
  public int k;

  private float[][] vectors;
  private int[] init;
  private Dissimilarity matrix;
  private ElkiFasterPam elki;
  private DistanceQuery<NumberVector> elkiMatrix;

  @Setup
  public void setUp() {
    vectors = BenchData.load(data, n);
    init = KMedoids.initialMedoids(Dissimilarity.vectors(vectors, Metric.L2), KMedoidsConfig.of(k).withInit(KMedoidsConfig.Initialization.LAB).withSeed(42));
  }

  /** Each library's matrix is built on its benchmark's first (warm-up) call, so a fork builds only its own. */
  @Benchmark
  public KMedoidsResult artsimFasterPam() {
    if (matrix == null) {
      matrix = Dissimilarity.precomputed(vectors, Metric.L2);
    }
    return KMedoids.fitFrom(matrix, init, 100);
  }

  @Benchmark
  public int[] elkiFasterPam() {
    if (elki == null) {
      elki = new ElkiFasterPam(vectors);
      elkiMatrix = elki.precomputed();
    }
    return elki.run(elkiMatrix, init, 100);
  }
}
