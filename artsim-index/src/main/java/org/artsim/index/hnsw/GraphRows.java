package org.artsim.index.hnsw;

import java.io.IOException;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * The fp32 vectors of a graph index by ordinal: on the heap, one array per ordinal ({@link
 * HeapGraphRows}), or off the heap in a memory-mapped file ({@link MappedGraphRows}). Both score
 * with the same kernels over the same floats, so scores are bitwise equal whichever holds the
 * rows. Reads may run concurrently with each other; writes run alone (the index's write lock).
 */
interface GraphRows {
  /** Makes room for ordinals {@code [0, count)}. */
  void ensureCapacity(int count);

  /** Stores {@code v} (of the index's dimension) as ordinal {@code ord}; the caller gives up {@code v}. */
  void set(int ord, float[] v);

  /** The vector of {@code ord}, which the caller must not change (on the heap it is the stored array; mapped, a copy). */
  float[] get(int ord);

  /** Keeps only the ordinals {@code live} (ascending), renumbered {@code 0, 1, ...}. */
  void keep(int[] live);

  /** Exact scores of the stored vectors against {@code q}: an fp32 graph's search, re-ranks and exact scans; one per search and thread. */
  NodeScores scores(VectorKernels kernels, Score score, float[] q);

  /** Writes ordinals {@code [0, count)} through {@link BinaryOut#writeFloats} (the file's byte order), in order. */
  void write(BinaryOut out, int count) throws IOException;

  /** Frees the vectors (a mapped store unmaps its file); idempotent. */
  void close();
}
