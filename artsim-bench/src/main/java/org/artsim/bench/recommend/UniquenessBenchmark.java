package org.artsim.bench.recommend;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.recommend.unique.NeighbourUniqueness;
import org.artsim.recommend.unique.UniquenessScores;
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
 * Uniqueness of every item (artsim's knn-distance rule: FiftyOne's weights on 3 nearest neighbours per item) over the exact flat
 * index: {@code n} batched 4-NN searches, {@code O(n²·dim)}. Defaults finish in about a minute; the
 * recorded run used {@code -p n=100000}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx4g"})
@State(Scope.Benchmark)
public class UniquenessBenchmark {
  @Param({"blobs64"})
  public String data;

  @Param({"20000"})
  public int n;

  @Param({"cosine"})
  public String metric;

  private VectorIndex index;

  @Setup
  public void setUp() {
    float[][] vectors = BenchData.load(data, n);
    index = Artsim.index("flat", vectors[0].length, Metric.parse(metric), Map.of("initial_capacity", String.valueOf(n)));
    var entries = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      entries.add(new VectorEntry("item-" + i, vectors[i], Labels.none()));
    }
    index.addAll(entries);
  }

  @Benchmark
  public UniquenessScores uniqueness() {
    return NeighbourUniqueness.knnDistance(index);
  }
}
