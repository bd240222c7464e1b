package org.artsim.collection.view;

import java.util.SplittableRandom;

/**
 * UMAP's optimisation of a 2-D layout (McInnes, Healy and Melville 2018, section 3.2 and umap-learn's
 * {@code optimize_layout_euclidean}): the low-dimensional similarity {@code 1 / (1 + a d^2b)}, with
 * {@code a} and {@code b} fitted to {@code minDist} and {@code spread}; stochastic gradient descent
 * over the graph's edges, each sampled in proportion to its membership, with negative sampling of
 * random points for the repulsive term, gradients clipped to [-4, 4] and a learning rate falling
 * linearly to 0.
 *
 * <p>Runs on one thread, in edge order, with one seeded generator: the layout is a function of the
 * graph, the start, the settings and the seed (umap-learn's parallel mode gives up that guarantee;
 * this gives up its speed).
 */
final class UmapLayout {
  private static final double CLIP = 4.0;
  private static final int FIT_POINTS = 300;

  private UmapLayout() {}

  /**
   * The {@code a, b} of {@code 1 / (1 + a x^2b)} closest in least squares to {@code 1} for {@code x
   * < minDist} and {@code exp(-(x - minDist) / spread)} above, on 300 points of [0, 3 spread]
   * (umap-learn's {@code find_ab_params}), by Levenberg-Marquardt from (1, 1).
   */
  static double[] fitAb(double spread, double minDist) {
    double[] x = new double[FIT_POINTS];
    double[] y = new double[FIT_POINTS];
    for (int i = 0; i < FIT_POINTS; i++) {
      x[i] = 3 * spread * i / (FIT_POINTS - 1);
      y[i] = x[i] < minDist ? 1.0 : Math.exp(-(x[i] - minDist) / spread);
    }
    double a = 1;
    double b = 1;
    double lambda = 1e-3;
    double cost = cost(x, y, a, b);
    for (int it = 0; it < 500; it++) {
      double jaa = 0;
      double jab = 0;
      double jbb = 0;
      double ga = 0;
      double gb = 0;
      for (int i = 1; i < FIT_POINTS; i++) {
        double u = Math.pow(x[i], 2 * b);
        double den = 1 + a * u;
        double r = 1 / den - y[i];
        double da = -u / (den * den);
        double db = -a * u * 2 * Math.log(x[i]) / (den * den);
        jaa += da * da;
        jab += da * db;
        jbb += db * db;
        ga += da * r;
        gb += db * r;
      }
      double maa = jaa * (1 + lambda);
      double mbb = jbb * (1 + lambda);
      double det = maa * mbb - jab * jab;
      if (det == 0) {
        break;
      }
      double stepA = -(mbb * ga - jab * gb) / det;
      double stepB = -(maa * gb - jab * ga) / det;
      double next = cost(x, y, a + stepA, b + stepB);
      if (next < cost && a + stepA > 0 && b + stepB > 0) {
        a += stepA;
        b += stepB;
        boolean converged = cost - next < 1e-15 * Math.max(1, cost);
        cost = next;
        lambda /= 10;
        if (converged) {
          break;
        }
      } else {
        lambda *= 10;
        if (lambda > 1e12) {
          break;
        }
      }
    }
    return new double[] {a, b};
  }

  private static double cost(double[] x, double[] y, double a, double b) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = 1 / (1 + a * Math.pow(x[i], 2 * b)) - y[i];
      s += r * r;
    }
    return s;
  }

  /**
   * Optimises {@code embedding} (n × 2, changed in place) for the graph: {@code epochs} epochs of
   * SGD; edges below {@code max weight / epochs} are never sampled, as in umap-learn.
   */
  static void optimise(double[][] embedding, UmapGraph.Edges g, double a, double b, int epochs, int negativeRate, double learningRate, long seed) {
    int m = g.weights().length;
    double max = 0;
    for (double w : g.weights()) {
      max = Math.max(max, w);
    }
    double[] perSample = new double[m];
    double[] nextSample = new double[m];
    double[] perNegative = new double[m];
    double[] nextNegative = new double[m];
    for (int e = 0; e < m; e++) {
      double w = g.weights()[e];
      perSample[e] = w >= max / epochs && w > 0 ? max / w : -1;
      nextSample[e] = perSample[e];
      perNegative[e] = perSample[e] / negativeRate;
      nextNegative[e] = perNegative[e];
    }
    var random = new SplittableRandom(seed);
    int n = g.n();
    double alpha = learningRate;
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int e = 0; e < m; e++) {
        if (perSample[e] <= 0 || nextSample[e] > epoch) {
          continue;
        }
        double[] current = embedding[g.heads()[e]];
        double[] other = embedding[g.tails()[e]];
        attract(current, other, a, b, alpha);
        nextSample[e] += perSample[e];
        int negatives = (int) ((epoch - nextNegative[e]) / perNegative[e]);
        for (int p = 0; p < negatives; p++) {
          int k = random.nextInt(n);
          if (k != g.heads()[e]) {
            repel(current, embedding[k], a, b, alpha);
          }
        }
        nextNegative[e] += negatives * perNegative[e];
      }
      alpha = learningRate * (1.0 - (epoch + 1.0) / epochs);
    }
  }

  private static void attract(double[] current, double[] other, double a, double b, double alpha) {
    double dx = current[0] - other[0];
    double dy = current[1] - other[1];
    double d2 = dx * dx + dy * dy;
    if (d2 <= 0) {
      return;
    }
    double pb = Math.pow(d2, b);
    double coeff = -2.0 * a * b * (pb / d2) / (a * pb + 1.0);
    double gx = clip(coeff * dx);
    double gy = clip(coeff * dy);
    current[0] += gx * alpha;
    current[1] += gy * alpha;
    other[0] -= gx * alpha;
    other[1] -= gy * alpha;
  }

  private static void repel(double[] current, double[] other, double a, double b, double alpha) {
    double dx = current[0] - other[0];
    double dy = current[1] - other[1];
    double d2 = dx * dx + dy * dy;
    if (d2 <= 0) {
      return;
    }
    double coeff = 2.0 * b / ((0.001 + d2) * (a * Math.pow(d2, b) + 1.0));
    current[0] += clip(coeff * dx) * alpha;
    current[1] += clip(coeff * dy) * alpha;
  }

  private static double clip(double v) {
    return Math.max(-CLIP, Math.min(CLIP, v));
  }
}
