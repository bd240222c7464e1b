package org.artsim.index.flat;

import java.util.BitSet;
import org.artsim.index.support.VectorStore;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * The float32 scans of a flat index over rows {@code [0, size)} of its {@link VectorStore}, made
 * per search under the index's read lock: every row in chunks (single query), only the rows of a
 * selective filter, and query &times; row tiles for batches (packed rows, so each row is read once
 * per block of queries). The batch path re-scores its candidates with the single-query kernel
 * ({@link PackedCandidates}), so every path returns exactly what single searches return.
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
  /** Floats of rows per block on the batch path (128 KiB: 64 rows of dimension 512, packed). */
  private static final int ROW_BLOCK_FLOATS = 32 << 10;
  /** Query blocks are multiples of this: the packed kernel's tiles hold 4 or 6 queries. */
  private static final int TILE_QUERIES = 12;
  /** The most queries in a block. */
  private static final int MAX_QUERY_BLOCK = 256;
  /** The most rows in a block. */
  private static final int MAX_ROW_BLOCK = 128;

  /**
   * Queries per block on the batch path (a multiple of 12, so that the packed kernel's tiles of 4
   * or 6 queries fill it), chosen so that {@code threads} threads each get at least one block of a
   * batch of {@code nq} queries.
   */
  int queryBlock(int nq, int threads) {
    int byCache = Math.max(TILE_QUERIES, Math.min(MAX_QUERY_BLOCK, QUERY_BLOCK_FLOATS / vectors.dimension()) / TILE_QUERIES * TILE_QUERIES);
    int perThread = (int) ((nq + (long) threads - 1) / threads);
    return Math.max(TILE_QUERIES, Math.min(byCache, (perThread + TILE_QUERIES - 1) / TILE_QUERIES * TILE_QUERIES));
  }

  /** Rows per block on the batch path: a multiple of 16 (the packed kernel's tile width with 16 lanes). */
  private int packedRowBlock() {
    return Math.max(16, Math.min(MAX_ROW_BLOCK, ROW_BLOCK_FLOATS / vectors.dimension()) / 16 * 16);
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
   * Answers queries {@code [from, to)} of the row-major {@code qs} into {@code tops[i]} (each
   * collecting {@code k}) exactly as {@link #scanAll} would, {@code queryBlock} queries by a
   * cache-sized block of rows at a time. The rows are packed ({@link VectorStore#packRows}) and
   * scored by the packed kernel ({@link VectorKernels#scorePacked}: no per-pair reduction, but
   * another summation order); {@link PackedCandidates} keeps the rows whose packed score could put
   * them in the exact top k, and only those are scored again with the single-query kernel, so the
   * answers equal single searches' bit for bit. Touches no other query's top list, so disjoint
   * ranges may run on different threads.
   */
  void scanBlocks(float[] qs, int from, int to, int queryBlock, int k, TopK[] tops, BitSet allowed) {
    int dim = vectors.dimension();
    int rowBlock = packedRowBlock();
    int stride = kernels.packedStride(rowBlock);
    float[] tile = new float[queryBlock * stride];
    float[] packed = new float[dim * stride];
    float[] scratch = vectors.newScratch(rowBlock);
    var near = new PackedCandidates[queryBlock];
    for (int q0 = from; q0 < to; q0 += queryBlock) {
      int q1 = Math.min(to, q0 + queryBlock);
      for (int i = q0; i < q1; i++) {
        near[i - q0] = new PackedCandidates(score, qs, i * dim, dim, k);
      }
      for (int r0 = 0; r0 < size; r0 += rowBlock) {
        int r1 = Math.min(size, r0 + rowBlock);
        float maxSquaredNorm = vectors.packRows(kernels, r0, r1, packed, scratch);
        kernels.scorePacked(score, qs, q0, q1, packed, dim, r1 - r0, tile);
        int s = kernels.packedStride(r1 - r0);
        for (int i = q0; i < q1; i++) {
          PackedCandidates c = near[i - q0];
          c.rowsUpTo(maxSquaredNorm);
          c.offer(tile, (i - q0) * s, r0, r1, allowed);
        }
      }
      for (int i = q0; i < q1; i++) {
        int qOff = i * dim;
        if (near[i - q0].givenUp()) {
          scanAll(qs, qOff, tops[i], allowed, scratch);
        } else {
          near[i - q0].rescore(row -> vectors.score(kernels, score, qs, qOff, row, scratch), tops[i]);
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
