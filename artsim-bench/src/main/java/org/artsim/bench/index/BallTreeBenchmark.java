package org.artsim.bench.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.BallTreeConfig;
import org.artsim.index.FlatConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ball-tree build time and exact 10-NN query throughput on Fashion-MNIST (L2, leaf size 40, as
 * scikit-learn's BallTree in artsim-bench/python/index_reference.py), one query per call, one
 * thread. The flat index's single-query scan is measured beside it.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar artsim-bench/target/benchmarks.jar BallTreeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx6g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BallTreeBenchmark {
  /** Base vectors (first n Fashion-MNIST training images). */
  @Param({"60000"})
  public int n;

  /** The index kind queried. */
  @Param({"balltree", "flat"})
  public String kind;

  private List<VectorEntry> entries;
  private float[][] queries;
  private VectorIndex index;
  private int next;

  /** Loads the data and builds the index once. */
  @Setup(Level.Trial)
  public void setUp() {
    var data = BenchData.fashionMnist(n, 200);
    entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(VectorEntry.of(String.format("%07d", i), data.base()[i]));
    }
    queries = data.queries();
    index = Artsim.index(kind.equals("balltree") ? BallTreeConfig.defaults() : FlatConfig.defaults(), 784, Metric.L2);
    index.addAll(entries);
  }

  /** Frees the index. */
  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  /** One exact 10-NN query. */
  @Benchmark
  public List<Hit> query() {
    return index.search(queries[next++ % queries.length], 10);
  }

  /** Build time of the ball tree over all n vectors (single shot). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public VectorIndex build() {
    VectorIndex tree = Artsim.index(BallTreeConfig.defaults(), 784, Metric.L2);
    tree.addAll(entries);
    return tree;
  }
}
