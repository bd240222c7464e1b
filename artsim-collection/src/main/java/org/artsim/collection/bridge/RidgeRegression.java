package org.artsim.collection.bridge;

import java.util.List;
import java.util.SplittableRandom;
import org.artsim.ArtsimException;

/**
 * Ridge regression in closed form, in doubles: {@code W = (XᵀX + λI)⁻¹ XᵀY} over (optionally)
 * centred rows, solved by a Cholesky factorisation of the {@code d×d} normal matrix (never an
 * explicit inverse). The penalty is given or chosen on a seeded held-out split by mean squared
 * error. Stateless; the inputs are checked by the caller ({@link TextImageBridge#fit}).
 */
final class RidgeRegression {
  private RidgeRegression() {}

  /** A fitted map: {@code y = meanY + (x - meanX) W}, {@code W} row-major {@code dx × dy}. */
  record Solution(double[] meanX, double[] meanY, double[] weights, double lambda, int trainRows, int heldOutRows) {}

  /** The sufficient statistics of a set of rows: means, {@code XᵀX} and {@code XᵀY} of the centred rows. */
  private record Moments(double[] meanX, double[] meanY, double[] xtx, double[] xty, int dx, int dy) {}

  static Solution fit(List<float[]> x, List<float[]> y, BridgeConfig config) {
    int n = x.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    double lambda = config.lambdas().get(0);
    int heldOut = 0;
    if (config.lambdas().size() > 1) {
      int[] order = shuffled(n, config.seed());
      heldOut = Math.max(1, Math.min(n - 1, (int) Math.round(n * config.validationShare())));
      int[] valid = java.util.Arrays.copyOfRange(order, 0, heldOut);
      int[] train = java.util.Arrays.copyOfRange(order, heldOut, n);
      Moments m = moments(x, y, train, config.centre());
      double best = Double.POSITIVE_INFINITY;
      for (double l : config.lambdas()) {
        double err = meanSquaredError(x, y, valid, m, solve(m, l));
        if (err < best) {
          best = err;
          lambda = l;
        }
      }
    }
    Moments m = moments(x, y, all, config.centre());
    return new Solution(m.meanX(), m.meanY(), solve(m, lambda), lambda, n, heldOut);
  }

  /** A permutation of {@code 0..n-1} by a seeded Fisher–Yates shuffle. */
  static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    var r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static Moments moments(List<float[]> x, List<float[]> y, int[] rows, boolean centre) {
    int dx = x.get(0).length;
    int dy = y.get(0).length;
    double[] mx = new double[dx];
    double[] my = new double[dy];
    if (centre) {
      for (int r : rows) {
        add(mx, x.get(r));
        add(my, y.get(r));
      }
      scale(mx, 1.0 / rows.length);
      scale(my, 1.0 / rows.length);
    }
    double[] xtx = new double[dx * dx];
    double[] xty = new double[dx * dy];
    double[] xc = new double[dx];
    double[] yc = new double[dy];
    for (int r : rows) {
      centred(x.get(r), mx, xc);
      centred(y.get(r), my, yc);
      for (int i = 0; i < dx; i++) {
        double xi = xc[i];
        if (xi == 0) {
          continue;
        }
        int row = i * dx;
        for (int j = i; j < dx; j++) {
          xtx[row + j] += xi * xc[j];
        }
        int out = i * dy;
        for (int c = 0; c < dy; c++) {
          xty[out + c] += xi * yc[c];
        }
      }
    }
    for (int i = 0; i < dx; i++) {
      for (int j = 0; j < i; j++) {
        xtx[i * dx + j] = xtx[j * dx + i];
      }
    }
    return new Moments(mx, my, xtx, xty, dx, dy);
  }

  /** {@code (XᵀX + λI)⁻¹ XᵀY} by Cholesky: {@code L Lᵀ W = XᵀY}, forward then back substitution. */
  private static double[] solve(Moments m, double lambda) {
    int d = m.dx();
    int dy = m.dy();
    double[] l = m.xtx().clone();
    for (int i = 0; i < d; i++) {
      l[i * d + i] += lambda;
    }
    cholesky(l, d, lambda);
    double[] z = m.xty().clone();
    for (int i = 0; i < d; i++) {
      int zi = i * dy;
      for (int k = 0; k < i; k++) {
        double lik = l[i * d + k];
        if (lik != 0) {
          int zk = k * dy;
          for (int c = 0; c < dy; c++) {
            z[zi + c] -= lik * z[zk + c];
          }
        }
      }
      double inv = 1 / l[i * d + i];
      for (int c = 0; c < dy; c++) {
        z[zi + c] *= inv;
      }
    }
    for (int i = d - 1; i >= 0; i--) {
      int wi = i * dy;
      for (int k = i + 1; k < d; k++) {
        double lki = l[k * d + i];
        if (lki != 0) {
          int wk = k * dy;
          for (int c = 0; c < dy; c++) {
            z[wi + c] -= lki * z[wk + c];
          }
        }
      }
      double inv = 1 / l[i * d + i];
      for (int c = 0; c < dy; c++) {
        z[wi + c] *= inv;
      }
    }
    return z;
  }

  /** Overwrites the lower triangle of the symmetric {@code a} with its Cholesky factor {@code L}. */
  private static void cholesky(double[] a, int d, double lambda) {
    for (int j = 0; j < d; j++) {
      double s = a[j * d + j];
      for (int k = 0; k < j; k++) {
        s -= a[j * d + k] * a[j * d + k];
      }
      if (!(s > 0)) {
        throw new ArtsimException("the text bridge's normal equations are not positive definite at lambda " + lambda + " (pivot " + j + " is " + s
            + "); give a larger ridge penalty in BridgeConfig.lambdas");
      }
      double ljj = Math.sqrt(s);
      a[j * d + j] = ljj;
      for (int i = j + 1; i < d; i++) {
        double t = a[i * d + j];
        for (int k = 0; k < j; k++) {
          t -= a[i * d + k] * a[j * d + k];
        }
        a[i * d + j] = t / ljj;
      }
    }
  }

  private static double meanSquaredError(List<float[]> x, List<float[]> y, int[] rows, Moments m, double[] w) {
    double sum = 0;
    double[] out = new double[m.dy()];
    for (int r : rows) {
      apply(x.get(r), m.meanX(), m.meanY(), w, out);
      float[] truth = y.get(r);
      for (int c = 0; c < out.length; c++) {
        double e = out[c] - truth[c];
        sum += e * e;
      }
    }
    return sum / rows.length;
  }

  /** {@code out = meanY + (x - meanX) W}. */
  static void apply(float[] x, double[] meanX, double[] meanY, double[] w, double[] out) {
    int dy = meanY.length;
    System.arraycopy(meanY, 0, out, 0, dy);
    for (int i = 0; i < meanX.length; i++) {
      double xi = x[i] - meanX[i];
      if (xi == 0) {
        continue;
      }
      int row = i * dy;
      for (int c = 0; c < dy; c++) {
        out[c] += xi * w[row + c];
      }
    }
  }

  private static void add(double[] acc, float[] v) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += v[i];
    }
  }

  private static void scale(double[] v, double s) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
  }

  private static void centred(float[] v, double[] mean, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = v[i] - mean[i];
    }
  }
}
