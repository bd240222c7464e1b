package org.artsim.recommend.cluster;

import java.util.SplittableRandom;
import org.artsim.testing.RandomVectors;

/** Gaussian blobs around random centres, for tests. */
final class ClusteredVectors {
  private ClusteredVectors() {}

  /** {@code n} vectors of {@code dim} around {@code clusters} centres (round robin), noise {@code sigma}. */
  static float[][] make(SplittableRandom r, int n, int dim, int clusters, double sigma) {
    float[][] centres = new float[clusters][];
    for (int c = 0; c < clusters; c++) {
      centres[c] = RandomVectors.gaussian(r, dim);
    }
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[i % clusters];
      for (int j = 0; j < dim; j++) {
        out[i][j] = (float) (c[j] + sigma * RandomVectors.gaussianValue(r));
      }
    }
    return out;
  }
}
