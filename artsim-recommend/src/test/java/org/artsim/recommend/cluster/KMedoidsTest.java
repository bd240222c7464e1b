package org.artsim.recommend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.recommend.cluster.KMedoidsConfig.Initialization;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class KMedoidsTest {
  /** The known-answer matrix from the FasterPAM reference tests (notes/algorithms.md §3). */
  static final double[][] FIVE = {
    {0, 1, 2, 4, 7}, {1, 0, 3, 5, 8}, {2, 3, 0, 6, 9}, {4, 5, 6, 0, 1}, {7, 8, 9, 1, 0}
  };

  @Test
  void knownAnswerTwoMedoidsFromFirstTwo() {
    var r = KMedoids.fitFrom(Dissimilarity.matrix(FIVE), new int[] {0, 1}, 100);
    assertThat(r.sortedMedoids()).containsExactly(0, 3);
    assertThat(r.loss()).isEqualTo(4.0);
    assertThat(r.assignment()).containsExactly(0, 0, 0, 1, 1);
    assertThat(r.swaps()).isEqualTo(2);
    assertThat(r.iterations()).isEqualTo(2);
    assertThat(Silhouette.mean(Dissimilarity.matrix(FIVE), r.assignment())).isEqualTo(0.7522494172494172, within(1e-15));
  }

  @Test
  void knownAnswerOneMedoid() {
    var r = KMedoids.fitFrom(Dissimilarity.matrix(FIVE), new int[] {1}, 100);
    assertThat(r.medoids()).containsExactly(0);
    assertThat(r.loss()).isEqualTo(14.0);
  }

  @Test
  void buildFindsTheOptimumDirectly() {
    int[] init = KMedoids.initialMedoids(Dissimilarity.matrix(FIVE), KMedoidsConfig.of(2));
    assertThat(init).containsExactly(0, 3);
    var r = KMedoids.fit(FIVE, KMedoidsConfig.of(2));
    assertThat(r.sortedMedoids()).containsExactly(0, 3);
    assertThat(r.loss()).isEqualTo(4.0);
    assertThat(r.swaps()).isZero();
  }

  @Test
  void everyInitialisationReachesTheKnownOptimum() {
    for (var init : Initialization.values()) {
      for (long seed = 0; seed < 20; seed++) {
        var r = KMedoids.fit(FIVE, KMedoidsConfig.of(2).withInit(init).withSeed(seed));
        assertThat(r.loss()).as("%s seed %d", init, seed).isEqualTo(4.0);
      }
    }
  }

  @Test
  void kEqualsNGivesZeroLoss() {
    var r = KMedoids.fit(FIVE, KMedoidsConfig.of(5));
    assertThat(r.loss()).isZero();
    assertThat(r.sortedMedoids()).containsExactly(0, 1, 2, 3, 4);
    for (int c = 0; c < 5; c++) {
      assertThat(r.assignment()[r.medoids()[c]]).isEqualTo(c);
    }
  }

  /**
   * Exhaustive search over all k-subsets on small random instances (n <= 12). FasterPAM, like PAM,
   * stops at a single-swap local optimum, so from BUILD alone it misses the global optimum on a few
   * instances; with restarts it must find it on every one.
   */
  @Test
  void reachesTheExhaustiveOptimumWithRestarts() {
    for (long seed : Seeds.stream("kmedoids-exhaustive", 150).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 5 + r.nextInt(8);
      int k = 1 + r.nextInt(Math.min(4, n - 1));
      double[][] m = NaivePam.randomPlaneMatrix(r, n);
      double best = NaivePam.exhaustiveOptimum(m, k);
      var fit = KMedoids.fit(m, KMedoidsConfig.of(k).withRestarts(20));
      assertThat(fit.loss()).as(Seeds.reproduce(seed)).isCloseTo(best, within(1e-9));
    }
  }

  /** From BUILD alone: always swap-optimal, never below the optimum, and optimal on most instances. */
  @Test
  void reachesTheExhaustiveOptimumOnMostSmallInstancesFromBuild() {
    int instances = 0;
    int optimal = 0;
    for (long seed : Seeds.stream("kmedoids-exhaustive", 150).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 5 + r.nextInt(8);
      int k = 1 + r.nextInt(Math.min(4, n - 1));
      double[][] m = NaivePam.randomPlaneMatrix(r, n);
      double best = NaivePam.exhaustiveOptimum(m, k);
      var fit = KMedoids.fit(m, KMedoidsConfig.of(k));
      instances++;
      assertThat(fit.loss()).as(Seeds.reproduce(seed)).isGreaterThanOrEqualTo(best - 1e-9);
      assertThat(NaivePam.isSwapOptimal(m, fit.medoids(), fit.loss())).as(Seeds.reproduce(seed)).isTrue();
      assertThat(fit.loss()).as(Seeds.reproduce(seed)).isEqualTo(KMedoids.loss(Dissimilarity.matrix(m), fit.medoids()), within(1e-9));
      if (Math.abs(fit.loss() - best) <= 1e-9) {
        optimal++;
      }
    }
    assertThat((double) optimal / instances).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void matchesPamOnRandomInstances() {
    int instances = 0;
    int equal = 0;
    double fasterTotal = 0;
    double pamTotal = 0;
    for (long seed : Seeds.stream("kmedoids-pam", 40).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 20 + r.nextInt(60);
      int k = 2 + r.nextInt(6);
      double[][] m = NaivePam.randomPlaneMatrix(r, n);
      var pam = NaivePam.pam(m, k);
      var fit = KMedoids.fit(m, KMedoidsConfig.of(k));
      instances++;
      fasterTotal += fit.loss();
      pamTotal += pam;
      if (Math.abs(fit.loss() - pam) <= 1e-9 * pam) {
        equal++;
      }
      assertThat(NaivePam.isSwapOptimal(m, fit.medoids(), fit.loss())).as(Seeds.reproduce(seed)).isTrue();
    }
    assertThat((double) equal / instances).isGreaterThanOrEqualTo(0.9);
    assertThat(fasterTotal).isLessThanOrEqualTo(pamTotal * 1.001);
  }

  @Test
  void vectorsOnTheFlyEqualPrecomputed() {
    var r = new SplittableRandom(7);
    float[][] v = new float[300][];
    for (int i = 0; i < v.length; i++) {
      v[i] = RandomVectors.gaussian(r, 16);
    }
    for (Metric metric : new Metric[] {Metric.L2, Metric.COSINE}) {
      var cfg = KMedoidsConfig.of(6).withInit(Initialization.LAB).withSeed(3);
      var onTheFly = KMedoids.fit(v, metric, cfg.withMatrixLimit(0));
      var matrix = KMedoids.fit(v, metric, cfg);
      assertThat(matrix.loss()).isCloseTo(onTheFly.loss(), within(1e-3 * onTheFly.loss()));
      assertThat(KMedoids.loss(Dissimilarity.vectors(v, metric), matrix.medoids())).isCloseTo(matrix.loss(), within(1e-3 * matrix.loss()));
    }
  }

  @Test
  void deterministicUnderSeed() {
    var r = new SplittableRandom(11);
    float[][] v = new float[400][];
    for (int i = 0; i < v.length; i++) {
      v[i] = RandomVectors.gaussian(r, 8);
    }
    for (var init : Initialization.values()) {
      var cfg = KMedoidsConfig.of(7).withInit(init).withSeed(99);
      assertThat(KMedoids.fit(v, Metric.L2, cfg)).isEqualTo(KMedoids.fit(v, Metric.L2, cfg));
      assertThat(KMedoids.clara(v, Metric.L2, cfg)).isEqualTo(KMedoids.clara(v, Metric.L2, cfg));
    }
    int[] a = KMedoids.initialMedoids(Dissimilarity.vectors(v, Metric.L2), KMedoidsConfig.of(7).withInit(Initialization.RANDOM).withSeed(1));
    int[] b = KMedoids.initialMedoids(Dissimilarity.vectors(v, Metric.L2), KMedoidsConfig.of(7).withInit(Initialization.RANDOM).withSeed(2));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void claraIsCloseToFullFasterPamOnClusteredData() {
    var r = new SplittableRandom(5);
    float[][] v = ClusteredVectors.make(r, 2000, 8, 10, 0.05);
    var full = KMedoids.fit(v, Metric.L2, KMedoidsConfig.of(10));
    var clara = KMedoids.clara(v, Metric.L2, KMedoidsConfig.of(10).withClara(5, 200));
    assertThat(clara.loss()).isLessThanOrEqualTo(full.loss() * 1.05);
    assertThat(clara.assignment()).hasSize(2000);
    assertThat(clara.loss()).isCloseTo(KMedoids.loss(Dissimilarity.vectors(v, Metric.L2), clara.medoids()), within(1e-6 * clara.loss()));
  }

  @Test
  void clustersAnIndexAndReportsIds() {
    var index = org.artsim.Artsim.index("flat", 2, Metric.L2);
    float[][] pts = {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}, {10.2f, 10.2f}};
    for (int i = 0; i < pts.length; i++) {
      index.add("w" + i, pts[i]);
    }
    var r = KMedoids.fit(index, KMedoidsConfig.of(2));
    assertThat(r.ids()).containsExactlyElementsOf(index.ids());
    assertThat(r.medoidIds()).containsExactlyInAnyOrder("w0", "w6");
    assertThat(r.clusterSizes()).containsExactlyInAnyOrder(3, 4);
    var c = KMedoids.clara(index, KMedoidsConfig.of(2).withClara(3, 5));
    assertThat(c.loss()).isGreaterThanOrEqualTo(r.loss() - 1e-6);
    assertThat(c.medoidIds()).hasSize(2);
    assertThatThrownBy(() -> KMedoids.fit(org.artsim.Artsim.index("flat", 2, Metric.L2), KMedoidsConfig.of(2)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("the index is empty; add items before clustering");
  }

  @Test
  void silhouetteChoosesTheTrueNumberOfClusters() {
    var r = new SplittableRandom(9);
    float[][] v = ClusteredVectors.make(r, 300, 16, 4, 0.05);
    var choice = Silhouette.chooseK(Dissimilarity.vectors(v, Metric.L2), 2, 8, KMedoidsConfig.defaults());
    assertThat(choice.k()).isEqualTo(4);
    assertThat(choice.silhouette()).isGreaterThan(0.5);
  }

  @Test
  void badInputsAreRejectedWithClearMessages() {
    var five = Dissimilarity.matrix(FIVE);
    assertThatThrownBy(() -> KMedoids.fit(FIVE, KMedoidsConfig.of(6)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("k = 6 exceeds the 5 objects; choose k <= 5");
    assertThatThrownBy(() -> KMedoids.fitFrom(five, new int[] {0, 0}, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("medoid 0 is given twice; give distinct objects");
    assertThatThrownBy(() -> KMedoids.fitFrom(five, new int[] {7}, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("medoid 7 is out of range; object numbers are 0..4");
    assertThatThrownBy(() -> Dissimilarity.matrix(new double[][] {{0, 1}, {2, 0}}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("dissimilarity matrix is not symmetric: [0][1] is 1.0 but [1][0] is 2.0");
    assertThatThrownBy(() -> Dissimilarity.matrix(new double[][] {{0, -1}, {-1, 0}}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("dissimilarity matrix entry [0][1] is -1.0; dissimilarities must be finite and >= 0");
    assertThatThrownBy(() -> Dissimilarity.matrix(new double[][] {{0, 1}}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("dissimilarity matrix must be square: row 0 has 2 entries, expected 1");
    assertThatThrownBy(() -> Dissimilarity.vectors(new float[][] {{1, 2}, {1}}, Metric.L2))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vector 1 has 1 components, but vector 0 has 2; give every vector the same length");
    assertThatThrownBy(() -> KMedoidsConfig.of(0)).isInstanceOf(ConfigException.class).hasMessage("fasterpam: k must be >= 1, got 0");
    assertThatThrownBy(() -> KMedoidsConfig.parse(Map.of("kk", "3")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("fasterpam: unknown setting [kk]");
    assertThat(KMedoidsConfig.parse(Map.of("k", "3", "init", "lab", "seed", "5")))
        .isEqualTo(KMedoidsConfig.defaults().withK(3).withInit(Initialization.LAB).withSeed(5));
  }
}
