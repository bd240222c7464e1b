package org.artsim.recommend.cluster;

import org.artsim.InvalidArgumentException;

/** A caller-owned full double matrix; validated once, rows returned without copying. */
final class MatrixDissimilarity implements Dissimilarity {
  private final double[][] m;

  MatrixDissimilarity(double[][] m) {
    if (m == null || m.length == 0) {
      throw new InvalidArgumentException("dissimilarity matrix is empty; give at least one row");
    }
    int n = m.length;
    for (int i = 0; i < n; i++) {
      if (m[i] == null || m[i].length != n) {
        throw new InvalidArgumentException(
            "dissimilarity matrix must be square: row " + i + " has " + (m[i] == null ? 0 : m[i].length) + " entries, expected " + n);
      }
    }
    for (int i = 0; i < n; i++) {
      if (m[i][i] != 0) {
        throw new InvalidArgumentException("dissimilarity matrix diagonal must be 0, but entry [" + i + "][" + i + "] is " + m[i][i]);
      }
      for (int j = 0; j < n; j++) {
        double v = m[i][j];
        if (!Double.isFinite(v) || v < 0) {
          throw new InvalidArgumentException(
              "dissimilarity matrix entry [" + i + "][" + j + "] is " + v + "; dissimilarities must be finite and >= 0");
        }
        if (v != m[j][i]) {
          throw new InvalidArgumentException(
              "dissimilarity matrix is not symmetric: [" + i + "][" + j + "] is " + v + " but [" + j + "][" + i + "] is " + m[j][i]);
        }
      }
    }
    this.m = m;
  }

  @Override
  public int size() {
    return m.length;
  }

  @Override
  public double distance(int i, int j) {
    return m[i][j];
  }

  @Override
  public double[] row(int i, double[] scratch) {
    return m[i];
  }

  @Override
  public String toString() {
    return "Dissimilarity[matrix, n=" + m.length + "]";
  }
}
