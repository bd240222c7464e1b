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
    float[][] c = ClusteredRecipe.centres(r, centres, dim);
    int[] bc = new int[n];
    int[] qc = new int[queries];
    float[][] base = draw(r, c, n, sigma, bc);
    float[][] q = draw(r, c, queries, sigma, qc);
    return new Data(base, q, bc, qc);
  }

  private static float[][] draw(SplittableRandom r, float[][] centres, int n, double sigma, int[] cluster) {
    double scale = sigma / Math.sqrt(centres[0].length);
    float[][] out = new float[n][centres[0].length];
    for (int p = 0; p < n; p++) {
      cluster[p] = ClusteredRecipe.draw(r, centres, scale, out[p]);
    }
    return out;
  }
}
