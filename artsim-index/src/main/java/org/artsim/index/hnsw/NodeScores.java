package org.artsim.index.hnsw;

/**
 * The scores of stored graph nodes against one query, prepared once per query: the fp32 vectors
 * scored with the kernels ({@link Fp32Scores}) or int8 codes ({@link Int8Codes.Query}). Higher is
 * closer (artsim scores: the dot product, or the negated squared L2 distance). Not thread-safe: one
 * per query and thread.
 */
interface NodeScores {
  /** The score of one node. */
  float score(int node);

  /** Writes the scores of {@code nodes[0, count)} to {@code out[0, count)}. */
  void scoreMany(int[] nodes, int count, float[] out);

  /** Whether some node of {@code nodes[0, count)} scores at least {@code bound}; may stop at the first that does. */
  default boolean anyAtLeast(int[] nodes, int count, float bound) {
    for (int i = 0; i < count; i++) {
      if (score(nodes[i]) >= bound) {
        return true;
      }
    }
    return false;
  }
}
