package org.artsim.collection.view;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;

/**
 * A 2-D map of a collection by principal component analysis, rendered to PNG with one colour per
 * value of a label (culture, artist, classification), with a legend.
 *
 * <p>PCA: the vectors are mean-centred; the two leading eigenvectors of their covariance matrix
 * (d&times;d) are found by power iteration with deflation (300 iterations, a fixed start vector, so
 * the map is deterministic up to the sign convention: each component is oriented so its largest
 * coordinate is positive). Cost O(n·d² + d²·iterations); fine up to d of a few thousand.
 */
public final class PcaMap {
  private static final int ITERATIONS = 300;

  private PcaMap() {}

  /**
   * The 2-D coordinates of {@code vectors} and the fraction of variance each axis explains.
   *
   * @param points {@code points[i] = {x, y}} for {@code vectors[i]}
   * @param explained the explained variance ratio of the two axes
   */
  public record Projection(double[][] points, double[] explained) {}

  /** Projects {@code vectors} (rows) onto their first two principal components. */
  public static Projection project(float[][] vectors) {
    int n = vectors.length;
    if (n < 2) {
      throw new InvalidArgumentException("a PCA map needs at least 2 items, got " + n);
    }
    int d = vectors[0].length;
    double[] mean = new double[d];
    for (float[] v : vectors) {
      for (int j = 0; j < d; j++) {
        mean[j] += v[j] / (double) n;
      }
    }
    double[][] cov = new double[d][d];
    double[] x = new double[d];
    for (float[] v : vectors) {
      for (int j = 0; j < d; j++) {
        x[j] = v[j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        double xa = x[a];
        if (xa == 0) {
          continue;
        }
        double[] row = cov[a];
        for (int b = a; b < d; b++) {
          row[b] += xa * x[b];
        }
      }
    }
    double trace = 0;
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= (n - 1);
        cov[b][a] = cov[a][b];
      }
      trace += cov[a][a];
    }
    double[][] components = new double[2][];
    double[] eigen = new double[2];
    for (int c = 0; c < 2; c++) {
      double[] u = new double[d];
      for (int j = 0; j < d; j++) {
        u[j] = 1.0 + 0.01 * j * (c + 1);
      }
      normalise(u);
      double lambda = 0;
      for (int it = 0; it < ITERATIONS; it++) {
        double[] w = multiply(cov, u);
        if (c == 1) {
          double proj = dot(w, components[0]);
          for (int j = 0; j < d; j++) {
            w[j] -= proj * components[0][j];
          }
        }
        lambda = Math.sqrt(dot(w, w));
        if (lambda == 0) {
          break;
        }
        for (int j = 0; j < d; j++) {
          u[j] = w[j] / lambda;
        }
      }
      int maxIdx = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(u[j]) > Math.abs(u[maxIdx])) {
          maxIdx = j;
        }
      }
      if (u[maxIdx] < 0) {
        for (int j = 0; j < d; j++) {
          u[j] = -u[j];
        }
      }
      components[c] = u;
      eigen[c] = lambda;
      if (c == 0) {
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            cov[a][b] -= lambda * u[a] * u[b];
          }
        }
      }
    }
    double[][] points = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 2; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (vectors[i][j] - mean[j]) * components[c][j];
        }
        points[i][c] = s;
      }
    }
    return new Projection(points, new double[] {trace > 0 ? eigen[0] / trace : 0, trace > 0 ? eigen[1] / trace : 0});
  }

  private static double[] multiply(double[][] m, double[] u) {
    double[] w = new double[u.length];
    for (int a = 0; a < u.length; a++) {
      w[a] = dot(m[a], u);
    }
    return w;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void normalise(double[] u) {
    double n = Math.sqrt(dot(u, u));
    for (int i = 0; i < u.length; i++) {
      u[i] /= n;
    }
  }

  /** Renders the collection's PCA map coloured by {@code labelField}, {@code size} pixels square plus a legend. */
  public static BufferedImage render(ArtCollection c, String labelField, int size) {
    List<CatalogueRecord> records = c.records();
    float[][] vectors = new float[records.size()][];
    var labels = new ArrayList<String>(records.size());
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = c.vector(records.get(i).id());
      labels.add(records.get(i).indexLabels().get(labelField));
    }
    Projection p = project(vectors);
    String title = String.format(Locale.ROOT, "PCA by %s (PC1 %.0f%%, PC2 %.0f%%)", labelField, 100 * p.explained()[0], 100 * p.explained()[1]);
    return ScatterPlot.render(p.points(), labels, title, size);
  }

  /** Renders and writes the map as PNG, atomically. */
  public static Path write(ArtCollection c, String labelField, int size, Path png) {
    Drawing.writePng(render(c, labelField, size), png);
    return png;
  }
}
