package org.artsim.collection.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.junit.jupiter.api.Test;

/** UMAP: structure kept on separated blobs, determinism, the pieces against their definitions, and refusals. */
class UmapMapTest {
  /** {@code blobs × per} points around random centres (spread 8) with unit noise, in {@code dim} dimensions; labels in {@code labels}. */
  static float[][] blobs(long seed, int blobs, int per, int dim, int[] labels) {
    var r = new Random(seed);
    double[][] centres = new double[blobs][dim];
    for (double[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = 8 * r.nextGaussian();
      }
    }
    float[][] v = new float[blobs * per][dim];
    for (int i = 0; i < v.length; i++) {
      labels[i] = i % blobs;
      for (int j = 0; j < dim; j++) {
        v[i][j] = (float) (centres[labels[i]][j] + r.nextGaussian());
      }
    }
    return v;
  }

  /** The share of each point's k nearest other points (Euclidean, brute force) that carry its label, averaged. */
  static double purity(double[][] points, int[] labels, int k) {
    double sum = 0;
    for (int i = 0; i < points.length; i++) {
      int me = i;
      int[] nearest = IntStream.range(0, points.length).filter(j -> j != me).boxed()
          .sorted(Comparator.comparingDouble((Integer j) -> squared(points[me], points[j])).thenComparing(j -> j))
          .limit(k).mapToInt(Integer::intValue).toArray();
      sum += Arrays.stream(nearest).filter(j -> labels[j] == labels[me]).count() / (double) k;
    }
    return sum / points.length;
  }

  private static double squared(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }

  private static double[][] toDouble(float[][] v) {
    return Arrays.stream(v).map(r -> IntStream.range(0, r.length).mapToDouble(j -> r[j]).toArray()).toArray(double[][]::new);
  }

  @Test
  void separatedBlobsStaySeparatedInTheMap() {
    for (long seed = 1; seed <= 3; seed++) {
      int[] labels = new int[5 * 40];
      float[][] v = blobs(seed, 5, 40, 24, labels);
      double naive = purity(toDouble(v), labels, 10);
      assertThat(naive).as("the blobs are separated in their own space").isGreaterThan(0.95);
      double[][] map = UmapMap.project(v, Metric.L2, UmapConfig.defaults().withSeed(seed));
      assertThat(map).hasNumberOfRows(v.length);
      double kept = purity(map, labels, 10);
      assertThat(kept).as("seed %d: 2-D kNN purity against %.3f in the original space", seed, naive).isGreaterThanOrEqualTo(0.95 * naive);
      for (double[] p : map) {
        assertThat(p).hasSize(2);
        assertThat(Double.isFinite(p[0]) && Double.isFinite(p[1])).isTrue();
      }
    }
  }

  @Test
  void theMapIsAFunctionOfTheSeed() {
    int[] labels = new int[90];
    float[][] v = blobs(7, 3, 30, 10, labels);
    var config = UmapConfig.defaults().withEpochs(120);
    double[][] a = UmapMap.project(v, Metric.COSINE, config.withSeed(5));
    double[][] b = UmapMap.project(v, Metric.COSINE, config.withSeed(5));
    double[][] c = UmapMap.project(v, Metric.COSINE, config.withSeed(6));
    assertThat(a).isDeepEqualTo(b);
    assertThat(Arrays.deepEquals(a, c)).as("another seed, another map").isFalse();
  }

  @Test
  void abFitMatchesUmapLearn() {
    // umap-learn 0.5 find_ab_params(1.0, 0.1) = (1.5769434603113077, 0.8950608779109733)
    double[] ab = UmapLayout.fitAb(1.0, 0.1);
    assertThat(ab[0]).isCloseTo(1.5769, within(2e-3));
    assertThat(ab[1]).isCloseTo(0.8951, within(2e-3));
    // find_ab_params(1.0, 0.5) = (0.5830300199950147, 1.334166992455295)
    double[] wide = UmapLayout.fitAb(1.0, 0.5);
    assertThat(wide[0]).isCloseTo(0.5830, within(2e-3));
    assertThat(wide[1]).isCloseTo(1.3342, within(2e-3));
  }

  @Test
  void smoothKnnSolvesItsEquationOnRandomDistances() {
    var r = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int k = 3 + r.nextInt(20);
      double[][] d = new double[1][k - 1];
      for (int j = 0; j < k - 1; j++) {
        d[0][j] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 5;
      }
      Arrays.sort(d[0]);
      double[] rho = new double[1];
      double[] sigma = new double[1];
      UmapGraph.smoothKnn(d, k, rho, sigma);
      double firstPositive = Arrays.stream(d[0]).filter(x -> x > 0).findFirst().orElse(0);
      assertThat(rho[0]).isEqualTo(firstPositive);
      double sum = Arrays.stream(d[0]).map(x -> x - rho[0] > 0 ? Math.exp(-(x - rho[0]) / sigma[0]) : 1).sum();
      long atMostRho = Arrays.stream(d[0]).filter(x -> x <= rho[0]).count();
      if (atMostRho < Math.log(k) / Math.log(2) && sigma[0] > 1e-3) {
        assertThat(sum).as("trial %d", trial).isCloseTo(Math.log(k) / Math.log(2), within(1e-3));
      }
    }
  }

  @Test
  void fuzzyUnionIsSymmetricAndIsTheProbabilisticOr() {
    int[] labels = new int[60];
    float[][] v = blobs(11, 3, 20, 6, labels);
    int k = 6;
    double[][] dist = new double[v.length][];
    String[] ids = IntStream.range(0, v.length).mapToObj(Integer::toString).toArray(String[]::new);
    int[][] nb;
    try (var index = org.artsim.Artsim.index("flat", 6, Metric.L2)) {
      for (int i = 0; i < v.length; i++) {
        index.add(ids[i], v[i]);
      }
      nb = UmapGraph.neighbours(index, ids, v, k, dist);
    }
    double[] rho = new double[v.length];
    double[] sigma = new double[v.length];
    UmapGraph.smoothKnn(dist, k, rho, sigma);
    Map<Long, Double> directed = new HashMap<>();
    for (int i = 0; i < v.length; i++) {
      assertThat(nb[i]).hasSize(k - 1).doesNotContain(i);
      for (int j = 0; j < nb[i].length; j++) {
        double brute = Math.sqrt(squared(toDouble(new float[][] {v[i]})[0], toDouble(new float[][] {v[nb[i][j]]})[0]));
        assertThat(dist[i][j]).isCloseTo(brute, within(1e-3));
        directed.put((long) i * v.length + nb[i][j], Math.exp(-Math.max(0, dist[i][j] - rho[i]) / sigma[i]));
      }
    }
    var g = UmapGraph.fuzzyUnion(nb, dist, k);
    Map<Long, Double> w = new HashMap<>();
    for (int e = 0; e < g.weights().length; e++) {
      assertThat(g.weights()[e]).isGreaterThan(0).isLessThanOrEqualTo(1);
      w.put((long) g.heads()[e] * v.length + g.tails()[e], g.weights()[e]);
    }
    for (var e : w.entrySet()) {
      int i = (int) (e.getKey() / v.length);
      int j = (int) (e.getKey() % v.length);
      assertThat(w.get((long) j * v.length + i)).isEqualTo(e.getValue());
      double a = directed.getOrDefault((long) i * v.length + j, 0.0);
      double b = directed.getOrDefault((long) j * v.length + i, 0.0);
      assertThat(e.getValue()).isCloseTo(a + b - a * b, within(1e-12));
    }
    assertThat(w).hasSize(2 * (int) directed.keySet().stream().map(key -> Math.min(key / v.length, key % v.length) * v.length + Math.max(key / v.length, key % v.length)).distinct().count());
  }

  @Test
  void badInputsAreRefusedWithTypedErrors() {
    var d = UmapConfig.defaults();
    assertThatThrownBy(() -> UmapMap.project(new float[][] {{1, 2}}, Metric.L2, d)).isInstanceOf(InvalidArgumentException.class).hasMessage("a UMAP map needs at least 2 points, got 1");
    assertThatThrownBy(() -> UmapMap.project(new float[0][], Metric.L2, d)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("got 0");
    float[][] ten = blobs(1, 2, 5, 3, new int[10]);
    assertThatThrownBy(() -> UmapMap.project(ten, Metric.L2, d)).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("nNeighbors (15) must be below the number of points (10); lower it with UmapConfig.withNeighbors");
    assertThatThrownBy(() -> UmapMap.project(ten, Metric.L2, d.withNeighbors(10))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("nNeighbors (10)");
    ten[4][1] = Float.NaN;
    assertThatThrownBy(() -> UmapMap.project(ten, Metric.L2, d.withNeighbors(3))).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vector 4 has a NaN or infinite component; a map needs finite vectors");
    ten[4][1] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(() -> UmapMap.project(ten, Metric.L2, d.withNeighbors(3))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vector 4 has a NaN or infinite");
    ten[4] = new float[2];
    assertThatThrownBy(() -> UmapMap.project(ten, Metric.L2, d.withNeighbors(3))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vector 4 is of length 2, not 3");
    ten[4] = null;
    assertThatThrownBy(() -> UmapMap.project(ten, Metric.L2, d.withNeighbors(3))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vector 4 is null");
    assertThatThrownBy(() -> UmapMap.project((float[][]) null, Metric.L2, d)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vectors is null");
    assertThatThrownBy(() -> UmapMap.project(ten, null, d)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metric is null");
  }

  @Test
  void badSettingsAreConfigErrors() {
    assertThatThrownBy(() -> UmapConfig.defaults().withNeighbors(1)).isInstanceOf(ConfigException.class).hasMessage("umap: nNeighbors must be >= 2, got 1");
    assertThatThrownBy(() -> UmapConfig.defaults().withMinDist(-0.1)).isInstanceOf(ConfigException.class).hasMessageContaining("minDist must be in [0, spread=1.0], got -0.1");
    assertThatThrownBy(() -> UmapConfig.defaults().withMinDist(Double.NaN)).isInstanceOf(ConfigException.class).hasMessageContaining("got NaN");
    assertThatThrownBy(() -> UmapConfig.defaults().withEpochs(-1)).isInstanceOf(ConfigException.class).hasMessageContaining("epochs must be 0 (default) or in [1, 100000], got -1");
    assertThatThrownBy(() -> new UmapConfig(15, 0.1, 0, 0, 5, 1, 1)).isInstanceOf(ConfigException.class).hasMessageContaining("spread must be a positive number, got 0.0");
    assertThatThrownBy(() -> new UmapConfig(15, 0.1, 1, 0, 0, 1, 1)).isInstanceOf(ConfigException.class).hasMessageContaining("negativeSampleRate must be in [1, 100], got 0");
    assertThatThrownBy(() -> new UmapConfig(15, 0.1, 1, 0, 5, Double.POSITIVE_INFINITY, 1)).isInstanceOf(ConfigException.class).hasMessageContaining("learningRate must be a positive number");
    assertThat(UmapConfig.defaults().epochsFor(10_000)).isEqualTo(500);
    assertThat(UmapConfig.defaults().epochsFor(10_001)).isEqualTo(200);
    assertThat(UmapConfig.defaults().withEpochs(7).epochsFor(50_000)).isEqualTo(7);
  }
}
