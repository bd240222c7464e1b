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
  /**
   * Floats of queries per block on the batch path (512 KiB: 256 queries of dimension 512): every
   * block reads every row once, so the larger the block the fewer passes over the rows; it stays
   * in a 1 MiB L2 cache with the row block beside it.
   */
  private static final int QUERY_BLOCK_FLOATS = 128 << 10;
  /** Floats of rows per block on the batch path (64 KiB: 32 rows of dimension 512). */
  private static final int ROW_BLOCK_FLOATS = 16 << 10;
  /** The most queries in a block. */
  private static final int MAX_QUERY_BLOCK = 256;
  /** The most rows in a block. */
  private static final int MAX_ROW_BLOCK = 128;

  /**
   * Queries per block on the batch path (a multiple of 4, the kernels' tile height), chosen so that
   * {@code threads} threads each get at least one block of a batch of {@code nq} queries.
   */
  int queryBlock(int nq, int threads) {
    int byCache = Math.max(4, Math.min(MAX_QUERY_BLOCK, QUERY_BLOCK_FLOATS / vectors.dimension()));
    int perThread = (int) ((nq + (long) threads - 1) / threads);
    return Math.max(4, Math.min(byCache, (perThread + 3) / 4 * 4));
  }

  private int rowBlock() {
    return Math.max(4, Math.min(MAX_ROW_BLOCK, ROW_BLOCK_FLOATS / vectors.dimension()));
  }

  /** A scratch array for {@link #scanAll} and {@link #scoreSelected}. */
  float[] scanScratch() {
    return vectors.newScratch(Math.max(1, SCAN_FLOATS / vectors.dimension()));
  }

  /** Scores every row against query {@code q[qOff..]} in chunks and offers the qualifying ones. */
  void scanAll(float[] q, int qOff, TopK top, BitSet allowed, float[] scratch) {
    scanRows(q, qOff, 0, size, top, allowed, scratch);
  }

  /** {@link #scanAll} over rows {@code [rowFrom, rowTo)} only. */
  void scanRows(float[] q, int qOff, int rowFrom, int rowTo, TopK top, BitSet allowed, float[] scratch) {
    float[] scores = new float[ROW_CHUNK];
    for (int from = rowFrom; from < rowTo; from += ROW_CHUNK) {
      int to = Math.min(rowTo, from + ROW_CHUNK);
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
   * Scores queries {@code [from, to)} of the row-major {@code qs} against every row, {@code
   * queryBlock} queries by a cache-sized block of rows at a time, offering query {@code i}'s scores
   * to {@code tops[i]}. Touches no other query's top list, so
   * disjoint ranges may run on different threads.
   */
  void scanBlocks(float[] qs, int from, int to, int queryBlock, TopK[] tops, BitSet allowed) {
    int rowBlock = rowBlock();
    float[] tile = new float[queryBlock * rowBlock];
    float[] scratch = vectors.newScratch(rowBlock);
    for (int q0 = from; q0 < to; q0 += queryBlock) {
      int q1 = Math.min(to, q0 + queryBlock);
      for (int r0 = 0; r0 < size; r0 += rowBlock) {
        int r1 = Math.min(size, r0 + rowBlock);
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
