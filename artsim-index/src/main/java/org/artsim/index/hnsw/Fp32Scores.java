package org.artsim.index.hnsw;

import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * Exact scores of the stored fp32 vectors against a query, from the kernels: each is bit for bit
 * what the flat index computes for the pair. Not thread-safe.
 */
final class Fp32Scores implements NodeScores {
  private final VectorKernels kernels;
  private final Score score;
  private final float[][] vectors;
  private final float[] query;
  private final int dim;
  private final float[] block = new float[4];

  Fp32Scores(VectorKernels kernels, Score score, float[][] vectors, float[] query, int dim) {
    this.kernels = kernels;
    this.score = score;
    this.vectors = vectors;
    this.query = query;
    this.dim = dim;
  }

  @Override
  public float score(int node) {
    return kernels.score(score, query, vectors[node]);
  }

  @Override
  public void scoreMany(int[] nodes, int count, float[] out) {
    kernels.scoreGathered(score, query, vectors, nodes, 0, count, dim, out, 0);
  }

  /** Scores four nodes at a time with the gathered kernel, stopping after the first block that reaches the bound. */
  @Override
  public boolean anyAtLeast(int[] nodes, int count, float bound) {
    for (int from = 0; from < count; from += 4) {
      int to = Math.min(count, from + 4);
      kernels.scoreGathered(score, query, vectors, nodes, from, to, dim, block, 0);
      for (int i = 0; i < to - from; i++) {
        if (block[i] >= bound) {
          return true;
        }
      }
    }
    return false;
  }
}
