package org.artsim.bench.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
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
 * HNSW search throughput (one query per call, one thread, k = 10) and build time on
 * Fashion-MNIST (L2, M=16, efConstruction=200) for both providers. Recall is measured by {@link
 * RecallHarness}, not here.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar artsim-bench/target/benchmarks.jar HnswBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HnswBenchmark {
  /** The HNSW provider. */
  @Param({"hnsw-lucene", "hnsw"})
  public String provider;

  /** Base vectors (first n Fashion-MNIST training images). */
  @Param({"20000"})
  public int n;

  /** Search beam. */
  @Param({"20", "40"})
  public int ef;

  /** Build threads. */
  @Param({"2"})
  public int threads;

  private List<VectorEntry> entries;
  private float[][] queries;
  private VectorIndex index;
  private int next;

  /** Loads the data and builds the index once. */
  @Setup(Level.Trial)
  public void setUp() {
    var data = BenchData.fashionMnist(n, 500);
    entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(VectorEntry.of(String.format("%07d", i), data.base()[i]));
    }
    queries = data.queries();
    index = Artsim.index(HnswConfig.defaults(provider).withThreads(threads).withMaxItems(Math.min(n, HnswConfig.MAX_ITEMS)), 784, Metric.L2);
    index.addAll(entries);
  }

  /** Frees the index. */
  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  /** One 10-NN query at the given ef. */
  @Benchmark
  public List<Hit> search() {
    return index.search(SearchRequest.of(queries[next++ % queries.length], 10).withEf(ef));
  }

  /** Build time over all n vectors with the given threads (single shot). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public VectorIndex build() {
    VectorIndex fresh = Artsim.index(HnswConfig.defaults(provider).withThreads(threads).withMaxItems(Math.min(n, HnswConfig.MAX_ITEMS)), 784, Metric.L2);
    fresh.addAll(entries);
    return fresh;
  }
}
