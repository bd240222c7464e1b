package org.artsim.bench.recommend;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.RecommendationSession;
import org.artsim.Recommendations;
import org.artsim.Recommender;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.bench.data.ClusteredVectors;
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
 * Latency of the {@code "likes"} recommender: {@code recommend(10)} for a session with
 * {@code likes} liked items over a flat cosine index of the clip512 set ({@code n} unit vectors
 * of 512 dims around 1,000 centres, seed 42). Nothing is marked shown, so every call does the
 * same work. No reference library offers this, so the side-by-side table shows none.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx4g"})
@State(Scope.Benchmark)
public class RecommenderBenchmark {
  @Param({"100000"})
  public int n;

  @Param({"5"})
  public int likes;

  private VectorIndex index;
  private RecommendationSession session;

  @Setup(Level.Trial)
  public void setUp() {
    var data = ClusteredVectors.generate(n, 0, 512, 42);
    index = Artsim.index("flat", 512, Metric.COSINE, Map.of("initial_capacity", String.valueOf(n)));
    var entries = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      entries.add(new VectorEntry("item-" + i, data.base()[i], Labels.none()));
    }
    index.addAll(entries);
    Recommender recommender = Artsim.recommender("likes", index);
    session = recommender.newSession();
    for (int i = 0; i < likes; i++) {
      session.like("item-" + (i * (n / likes)));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  @Benchmark
  public Recommendations recommend() {
    return session.recommend(10);
  }
}
