package org.artsim.bench.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
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
 * Conditional 10-NN (exact) at 50%, 10% and 1% label selectivity on 100k x 512 clustered unit
 * vectors (cosine), against post-filtering an unconditioned exact search.
 *
 * <ul>
 *   <li>{@code conditionalBallTree}: the ball tree's conditional search (prunes subtrees without
 *       the label);
 *   <li>{@code conditionalFlat}: the flat index with the filter applied during its scan;
 *   <li>{@code postFilterExact}: an unconditioned exact search for {@code k / selectivity} hits
 *       on the flat index, then the label filter (what a user of an unconditioned index does; it
 *       can still return fewer than k).
 * </ul>
 *
 * Labels: {@code labels=cluster} gives each cluster one value (a category that follows the
 * visual clusters, like a culture or medium); {@code labels=random} assigns values at random.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar artsim-bench/target/benchmarks.jar ConditionalBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConditionalBenchmark {
  /** Fraction of items carrying the requested label, in percent. */
  @Param({"50", "10", "1"})
  public int selectivity;

  /** How labels relate to the data: {@code cluster} or {@code random}. */
  @Param({"cluster", "random"})
  public String labels;

  /** Base vectors. */
  @Param({"100000"})
  public int n;

  private VectorIndex tree;
  private VectorIndex flat;
  private float[][] queries;
  private LabelFilter filter;
  private int next;

  /** Builds both indexes over the same labelled data. */
  @Setup(Level.Trial)
  public void setUp() {
    var data = BenchData.clustered(n, 200, 512, 42);
    int buckets = 100 / selectivity;
    var r = new java.util.SplittableRandom(7);
    var entries = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      int bucket = labels.equals("cluster") ? data.baseLabels()[i] % buckets : r.nextInt(buckets);
      entries.add(new VectorEntry(String.format("%07d", i), data.base()[i], Labels.of("culture", "c" + bucket)));
    }
    tree = Artsim.index("balltree", 512, Metric.COSINE);
    tree.addAll(entries);
    flat = Artsim.index("flat", 512, Metric.COSINE);
    flat.addAll(entries);
    queries = data.queries();
    filter = LabelFilter.anyOf("culture", "c0");
  }

  /** Frees the indexes. */
  @TearDown(Level.Trial)
  public void tearDown() {
    tree.close();
    flat.close();
  }

  /** The ball tree's conditional search. */
  @Benchmark
  public List<Hit> conditionalBallTree() {
    return tree.search(queries[next++ % queries.length], 10, filter);
  }

  /** The flat index's conditional scan. */
  @Benchmark
  public List<Hit> conditionalFlat() {
    return flat.search(queries[next++ % queries.length], 10, filter);
  }

  /** Unconditioned exact search for k / selectivity hits, then the filter. */
  @Benchmark
  public List<Hit> postFilterExact() {
    var hits = flat.search(queries[next++ % queries.length], 10 * 100 / selectivity);
    var out = new ArrayList<Hit>(10);
    for (Hit h : hits) {
      if (filter.test(h.labels()) && out.size() < 10) {
        out.add(h);
      }
    }
    return out;
  }
}
