package org.artsim.recommend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.recommend.cluster.KMedoidsConfig.Initialization;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The reported k-medoids loss equals, bit for bit, the naive double sum of the exact distances to
 * the assigned medoids, on every path (float matrix, on the fly, CLARA, index, explicit matrix).
 * Before the loss was recomputed in double, the float-matrix paths reported a loss off by about
 * 4e-8 (the float rounding of the matrix entries).
 */
class ExactLossTest {

  /** The exact distance: Euclidean, or 1 − cos with double sums; 0 to itself. */
  static double distance(float[] a, float[] b, Metric metric) {
    if (metric == Metric.L2) {
      double s = 0;
      for (int k = 0; k < a.length; k++) {
        double x = (double) a[k] - b[k];
        s += x * x;
      }
      return Math.sqrt(s);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int k = 0; k < a.length; k++) {
      dot += (double) a[k] * b[k];
      na += (double) a[k] * a[k];
      nb += (double) b[k] * b[k];
    }
    return Math.max(0, 1 - dot / (Math.sqrt(na) * Math.sqrt(nb)));
  }

  /** The reference loss: a naive double sum, in object order, of the distance to the assigned medoid. */
  static double referenceLoss(float[][] v, Metric metric, KMedoidsResult r) {
    double s = 0;
    for (int o = 0; o < v.length; o++) {
      int m = r.medoids()[r.assignment()[o]];
      s += o == m ? 0 : distance(v[o], v[m], metric);
    }
    return s;
  }

  @Test
  void reportedLossIsTheExactReferenceLossOnEveryPath() {
    for (long seed : Seeds.stream("kmedoids-exact-loss", 60).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 2 + r.nextInt(150);
      int dim = 1 + r.nextInt(40);
      float[][] v = ClusteredVectors.make(r, n, dim, 1 + r.nextInt(6), 0.3);
      Metric metric = Metric.values()[r.nextInt(Metric.values().length)];
      int k = 1 + r.nextInt(Math.min(n, 8));
      var config = KMedoidsConfig.of(k).withInit(Initialization.values()[r.nextInt(3)]).withSeed(seed);
      String at = Seeds.reproduce(seed) + " n " + n + " dim " + dim + " " + metric + " k " + k;
      var matrix = KMedoids.fit(v, metric, config);
      assertThat(matrix.loss()).as("float matrix, " + at).isEqualTo(referenceLoss(v, metric, matrix));
      var onTheFly = KMedoids.fit(v, metric, config.withMatrixLimit(0));
      assertThat(onTheFly.loss()).as("on the fly, " + at).isEqualTo(referenceLoss(v, metric, onTheFly));
      var clara = KMedoids.clara(v, metric, config.withClara(2, Math.min(n, 20)));
      assertThat(clara.loss()).as("clara, " + at).isEqualTo(referenceLoss(v, metric, clara));
      var restarts = KMedoids.fit(v, metric, config.withRestarts(2));
      assertThat(restarts.loss()).as("restarts, " + at).isEqualTo(referenceLoss(v, metric, restarts));
      assertThat(KMedoids.loss(Dissimilarity.precomputed(v, metric), matrix.medoids())).as("loss(), " + at).isEqualTo(matrix.loss());
      if (metric != Metric.DOT) {
        var index = Artsim.index("flat", dim, metric);
        for (int i = 0; i < n; i++) {
          index.add("i" + i, v[i]);
        }
        float[][] stored = new float[n][];
        for (int i = 0; i < n; i++) {
          stored[i] = index.vector("i" + i).orElseThrow();
        }
        var fromIndex = KMedoids.fit(index, config);
        assertThat(fromIndex.loss()).as("index, " + at).isEqualTo(referenceLoss(stored, metric, fromIndex));
      }
    }
  }

  @Test
  void explicitMatrixLossIsTheNaiveSum() {
    for (long seed : Seeds.stream("kmedoids-matrix-loss", 60).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 2 + r.nextInt(40);
      double[][] m = NaivePam.randomPlaneMatrix(r, n);
      int k = 1 + r.nextInt(Math.min(n, 6));
      var fit = KMedoids.fit(m, KMedoidsConfig.of(k));
      double s = 0;
      for (int o = 0; o < n; o++) {
        s += m[o][fit.medoids()[fit.assignment()[o]]];
      }
      assertThat(fit.loss()).as(Seeds.reproduce(seed)).isEqualTo(s);
    }
  }

  @Test
  void gaussianVectorsToo() {
    var r = new SplittableRandom(17);
    float[][] v = new float[500][];
    for (int i = 0; i < v.length; i++) {
      v[i] = RandomVectors.gaussian(r, 64);
    }
    for (Metric metric : new Metric[] {Metric.L2, Metric.COSINE}) {
      var fit = KMedoids.fit(v, metric, KMedoidsConfig.of(10));
      assertThat(fit.loss()).isEqualTo(referenceLoss(v, metric, fit));
    }
  }
}
