package org.artsim.bench.flat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.bench.data.ClusteredVectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact flat search on the clip512 set ({@link ClusteredVectors}): queries per second for one
 * query per call, and for a batch of {@code batch} queries per call (reported per query), top-10.
 * A batch runs on {@code threads} threads (the index's {@code search_threads}; {@code -p
 * threads=1,2} measures one thread and two); single queries run on the calling thread. Compare
 * with FAISS IndexFlatIP measured in the same run by {@code artsim-bench/python/flat_reference.py}
 * (the side-by-side runner does both).
 *
 * <p>Default: 100,000 x 512. Full setting for big machines: {@code -p n=1000000}. To measure the
 * 256-bit kernels on an AVX-512 machine add {@code -jvmArgsAppend -Dartsim.kernels.bits=256} (8
 * lanes, still 32 registers), or {@code -jvmArgsAppend -XX:UseAVX=2} (the JIT uses AVX2 itself: 8
 * lanes and 16 registers, the closer stand-in for an AVX2 machine). On a loaded machine prefer
 * {@link FlatBatchCpuTime}, which reports queries per CPU-second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 8)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx8g"})
public class FlatSearchBenchmark {
  /** Number of stored vectors. */
  @Param({"100000"})
  public int n;

  /** Vector dimension. */
  @Param({"512"})
  public int dim;

  /** Queries per batch call. */
  @Param({"1000"})
  public int batch;

  /** Threads answering one batch ({@code search_threads}). */
  @Param({"1"})
  public int threads;

  private VectorIndex index;
  private float[][] queries;
  private int next;

  /** Builds the index once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    var data = ClusteredVectors.generate(n, batch, dim, 42);
    var entries = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      entries.add(new VectorEntry("v" + i, data.base()[i], Labels.of("cluster", "c" + (data.baseCluster()[i] % 100))));
    }
    index = Artsim.index("flat", dim, Metric.COSINE, Map.of("search_threads", threads));
    index.addAll(entries);
    queries = data.queries();
  }

  /** One query per call (queries/s). */
  @Benchmark
  public List<Hit> singleQuery() {
    float[] q = queries[next];
    next = (next + 1) % queries.length;
    return index.search(q, 10);
  }

  /** One batch of {@code batch} queries per call (reported per query: queries/s). */
  @Benchmark
  @OperationsPerInvocation(1000)
  public List<List<Hit>> batchQueries() {
    return index.searchBatch(queries, 10, LabelFilter.none());
  }

  /** One query per call restricted to 1% of the items (one cluster label in a hundred). */
  @Benchmark
  public List<Hit> singleQueryOnePercentFilter() {
    float[] q = queries[next];
    next = (next + 1) % queries.length;
    return index.search(q, 10, LabelFilter.anyOf("cluster", "c" + (next % 100)));
  }
}
