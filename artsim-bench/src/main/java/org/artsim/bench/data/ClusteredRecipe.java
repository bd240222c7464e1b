package org.artsim.bench.data;

import java.util.SplittableRandom;

/**
 * The one definition of the clip512 recipe ({@link ClusteredVectors}): centres are standard-normal
 * vectors, normalised; a point picks a centre uniformly, adds N(0, scale²) noise per component
 * ({@code scale = sigma / sqrt(dim)}) and is normalised. Every generator of the benchmarks (in
 * memory, streamed to {@code .npy}/{@code .fvecs}, streamed to raw float32) draws through here, so
 * the same seed gives the same rows everywhere. Stateless; the caller owns the random stream.
 */
public final class ClusteredRecipe {
  private ClusteredRecipe() {}

  /** Draws {@code count} unit centres of dimension {@code dim}. */
  public static float[][] centres(SplittableRandom r, int count, int dim) {
    float[][] c = new float[count][dim];
    for (float[] v : c) {
      for (int i = 0; i < dim; i++) {
        v[i] = (float) gaussian(r);
      }
      normalise(v);
    }
    return c;
  }

  /** Draws one point into {@code out} (length = dimension) and returns the index of its centre. */
  public static int draw(SplittableRandom r, float[][] centres, double scale, float[] out) {
    int c = r.nextInt(centres.length);
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (centres[c][i] + gaussian(r) * scale);
    }
    normalise(out);
    return c;
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
