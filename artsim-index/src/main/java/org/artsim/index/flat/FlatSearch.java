package org.artsim.index.flat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.index.support.ItemStore;
import org.artsim.index.support.ParallelQueries;
import org.artsim.vector.TopK;

/**
 * How a flat index answers one query or a batch over its current rows, made per search under the
 * index's read lock: which scan ({@link FlatScan}: the qualifying rows only, the int8 codes, or
 * float32), whether one query is split over threads, how a batch is cut into blocks. Every path
 * returns exactly what one float32 pass over every row returns.
 *
 * @param store the items (ids for ties, label postings, hits)
 * @param scan the float32 scans over rows {@code [0, scan.size())}
 * @param prefilter the int8 codes, or null (scored with {@code scan}'s kernels)
 * @param searchThreads threads for a batch, and for the parts of one large query
 * @param splitRows rows a part must have at least before one query is split
 */
record FlatSearch(ItemStore store, FlatScan scan, Int8Prefilter prefilter, int searchThreads, int splitRows) {
  /** Below this fraction of qualifying rows, score only the qualifying rows one by one. */
  private static final double SPARSE_FILTER = 0.25;
  /** Queries per parallel chunk when a selective filter is scored query by query. */
  private static final int SPARSE_QUERY_GRAIN = 8;

  /** The top {@code requestedK} (at most the row count) of the prepared query {@code q} among the rows {@code filter} allows. */
  List<Hit> single(float[] q, int requestedK, LabelFilter filter) {
    int size = scan.size();
    if (size == 0) {
      return List.of();
    }
    int k = Math.min(requestedK, size);
    BitSet allowed = store.matching(filter);
    if (allowed != null && allowed.cardinality() < SPARSE_FILTER * size) {
      var top = store.topK(k);
      scan.scoreSelected(q, 0, allowed, top, scan.scanScratch());
      return store.hits(top);
    }
    boolean int8 = prefilter != null && prefilter.fittedAt() > 0 && k <= size / 8;
    int parts = (int) Math.min(searchThreads, size / splitRows);
    if (parts <= 1) {
      var top = store.topK(k);
      scanRange(int8, q, 0, size, allowed, k, top);
      return store.hits(top);
    }
    List<TopK> tops = ParallelQueries.map(parts, parts, i -> {
      var part = store.topK(k);
      scanRange(int8, q, (int) ((long) size * i / parts), (int) ((long) size * (i + 1) / parts), allowed, k, part);
      return part;
    });
    var top = store.topK(k);
    float[] scores = new float[k];
    for (TopK part : tops) {
      int[] ords = part.drainBestFirst(scores);
      for (int i = 0; i < ords.length; i++) {
        top.offer(scores[i], ords[i]);
      }
    }
    return store.hits(top);
  }

  /** {@link #single} for each of the {@code nq} prepared queries of the row-major {@code qs}, on {@link #searchThreads} threads. */
  List<List<Hit>> batch(float[] qs, int nq, int requestedK, LabelFilter filter) {
    int size = scan.size();
    var out = new ArrayList<List<Hit>>(nq);
    if (size == 0) {
      for (int i = 0; i < nq; i++) {
        out.add(List.of());
      }
      return out;
    }
    int dim = scan.vectors().dimension();
    int k = Math.min(requestedK, size);
    BitSet allowed = store.matching(filter);
    TopK[] tops = new TopK[nq];
    for (int i = 0; i < nq; i++) {
      tops[i] = store.topK(k);
    }
    if (allowed != null && allowed.cardinality() < SPARSE_FILTER * size) {
      ParallelQueries.forRanges(nq, searchThreads, SPARSE_QUERY_GRAIN, (from, to) -> {
        float[] scratch = scan.scanScratch();
        for (int i = from; i < to; i++) {
          scan.scoreSelected(qs, i * dim, allowed, tops[i], scratch);
        }
      });
    } else {
      int block = scan.queryBlock(nq, searchThreads);
      ParallelQueries.forRanges(nq, searchThreads, block, (from, to) -> scan.scanBlocks(qs, from, to, block, k, tops, allowed));
    }
    for (TopK top : tops) {
      out.add(store.hits(top));
    }
    return out;
  }

  /** Scores rows {@code [from, to)} into {@code top}: through the int8 codes when {@code int8}, else in float32. */
  private void scanRange(boolean int8, float[] q, int from, int to, BitSet allowed, int k, TopK top) {
    float[] scratch = scan.scanScratch();
    if (int8) {
      prefilter.search(scan.kernels(), q, scan.vectors(), from, to, allowed, k, top, scratch);
    } else {
      scan.scanRows(q, 0, from, to, top, allowed, scratch);
    }
  }
}
