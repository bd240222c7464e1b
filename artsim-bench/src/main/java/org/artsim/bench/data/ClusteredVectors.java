package org.artsim.bench.data;

import java.util.SplittableRandom;

/**
 * The "clip512" benchmark set: unit vectors clustered like CLIP image embeddings.
 *
 * <p>Recipe (the distribution of {@code shared/tools/anchors/clipgen.py}, with Java's RNG so the
 * vectors themselves differ): {@code centres} random unit vectors (standard normal, normalised);
 * each point picks a centre uniformly, adds N(0, (sigma/sqrt(dim))^2) noise per component and is
 * L2-normalised. Defaults: 1,000 centres, sigma 0.6, seed 42; base vectors are drawn first and
 * queries continue the same stream. Two points of one cluster have cosine about 0.74, of
 * different clusters about 0.
 */
public final class ClusteredVectors {
  private ClusteredVectors() {}

  /** A base set and a query set drawn from one stream. */
  public record Data(float[][] base, float[][] queries, int[] baseCluster, int[] queryCluster) {}

  /** The standard set: {@code n} base and {@code queries} query vectors of dimension {@code dim}. */
  public static Data generate(int n, int queries, int dim, long seed) {
    return generate(n, queries, dim, 1000, 0.6, seed);
  }

  /** A set with explicit cluster count and noise. */
  public static Data generate(int n, int queries, int dim, int centres, double sigma, long seed) {
    var r = new SplittableRandom(seed);
    float[][] c = new float[centres][dim];
    for (float[] v : c) {
      for (int i = 0; i < dim; i++) {
        v[i] = (float) gaussian(r);
      }
      normalise(v);
    }
    int[] bc = new int[n];
    int[] qc = new int[queries];
    float[][] base = draw(r, c, n, sigma, bc);
    float[][] q = draw(r, c, queries, sigma, qc);
    return new Data(base, q, bc, qc);
  }

  private static float[][] draw(SplittableRandom r, float[][] centres, int n, double sigma, int[] cluster) {
    int dim = centres[0].length;
    double scale = sigma / Math.sqrt(dim);
    float[][] out = new float[n][dim];
    for (int p = 0; p < n; p++) {
      int c = r.nextInt(centres.length);
      cluster[p] = c;
      for (int i = 0; i < dim; i++) {
        out[p][i] = (float) (centres[c][i] + gaussian(r) * scale);
      }
      normalise(out[p]);
    }
    return out;
  }

  private static void normalise(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    double n = Math.sqrt(s);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / n);
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
