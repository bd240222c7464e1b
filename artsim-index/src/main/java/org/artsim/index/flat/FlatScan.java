package org.artsim.index.flat;

import java.util.BitSet;
import org.artsim.index.support.VectorStore;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * The float32 scans of a flat index over rows {@code [0, size)} of its {@link VectorStore}, made
 * per search under the index's read lock: every row in chunks (single query), only the rows of a
 * selective filter, and query &times; row tiles for batches ({@link VectorStore#scoreBlock}, so
 * each row is read once per block of queries). Every path scores a pair with the same kernel, so a
 * batch returns exactly what single searches return.
 */
record FlatScan(VectorStore vectors, VectorKernels kernels, Score score, int size) {
  /** Rows scored per kernel call on the single-query path. */
  private static final int ROW_CHUNK = 1024;
  /** Floats of mapped rows copied at a time on the single-query path (64 KiB). */
  private static final int SCAN_FLOATS = 16 << 10;
  /** Queries per tile on the batch path, and per parallel chunk of a batch. */
  static final int QUERY_BLOCK = 32;
  /** Rows per tile on the batch path. */
  private static final int ROW_BLOCK = 128;

  /** A scratch array for {@link #scanAll} and {@link #scoreSelected}. */
  float[] scanScratch() {
    return vectors.newScratch(Math.max(1, SCAN_FLOATS / vectors.dimension()));
  }

  /** Scores every row against query {@code q[qOff..]} in chunks and offers the qualifying ones. */
  void scanAll(float[] q, int qOff, TopK top, BitSet allowed, float[] scratch) {
    float[] scores = new float[ROW_CHUNK];
    for (int from = 0; from < size; from += ROW_CHUNK) {
      int to = Math.min(size, from + ROW_CHUNK);
      vectors.scoreRows(kernels, score, q, qOff, from, to, scores, 0, scratch);
      offer(top, scores, from, to, 0, allowed);
    }
  }

  /** Scores only the allowed rows (a selective filter). */
  void scoreSelected(float[] q, int qOff, BitSet allowed, TopK top, float[] scratch) {
    for (int r = allowed.nextSetBit(0); r >= 0 && r < size; r = allowed.nextSetBit(r + 1)) {
      top.offer(vectors.score(kernels, score, q, qOff, r, scratch), r);
    }
  }

  /**
   * Scores queries {@code [from, to)} of the row-major {@code qs} against every row in tiles,
   * offering query {@code i}'s scores to {@code tops[i]}. Touches no other query's top list, so
   * disjoint ranges may run on different threads.
   */
  void scanBlocks(float[] qs, int from, int to, TopK[] tops, BitSet allowed) {
    float[] tile = new float[QUERY_BLOCK * ROW_BLOCK];
    float[] scratch = vectors.newScratch(ROW_BLOCK);
    for (int q0 = from; q0 < to; q0 += QUERY_BLOCK) {
      int q1 = Math.min(to, q0 + QUERY_BLOCK);
      for (int r0 = 0; r0 < size; r0 += ROW_BLOCK) {
        int r1 = Math.min(size, r0 + ROW_BLOCK);
        vectors.scoreBlock(kernels, score, qs, q0, q1, r0, r1, tile, scratch);
        for (int i = q0; i < q1; i++) {
          offer(tops[i], tile, r0, r1, (i - q0) * (r1 - r0), allowed);
        }
      }
    }
  }

  private static void offer(TopK top, float[] scores, int from, int to, int scoreOff, BitSet allowed) {
    float threshold = top.threshold();
    for (int r = from; r < to; r++) {
      float s = scores[scoreOff + r - from];
      if (s >= threshold && (allowed == null || allowed.get(r))) {
        top.offer(s, r);
        threshold = top.threshold();
      }
    }
  }
}
