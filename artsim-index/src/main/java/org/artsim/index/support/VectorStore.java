package org.artsim.index.support;

import java.io.IOException;
import org.artsim.io.BinaryOut;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * The float32 rows of a vector index, addressed by slot, on the heap ({@link HeapVectorStore}) or
 * in memory-mapped files off the heap ({@link MappedVectorStore}). Every score is computed by the
 * shared {@link VectorKernels} over the same floats, so both stores return <b>bitwise identical</b>
 * scores for the same rows; a mapped store copies a few rows at a time into a caller's scratch
 * array and scores them there.
 *
 * <p>Part of artsim-index's implementation, public only so that the index packages can share it.
 * Not thread-safe by itself: the owning index reads under its read lock and changes under its write
 * lock; {@code scratch} arrays ({@link #newScratch}) belong to one search.
 */
public interface VectorStore {
  /** The dimension of every row. */
  int dimension();

  /** The most rows this store can ever hold. */
  int maxRows();

  /** Makes room for {@code rows} rows (never shrinks, never moves the rows' content). */
  void ensureCapacity(int rows);

  /** Writes {@code v[0, dim)} to {@code row} (within the capacity). */
  void set(int row, float[] v);

  /** Copies {@code row} to {@code dst[dstOff, dstOff + dim)}. */
  void get(int row, float[] dst, int dstOff);

  /** Copies row {@code from} over row {@code to}. */
  void move(int from, int to);

  /** A scratch array for one search that reads up to {@code rows} rows at once (empty when the rows are on the heap). */
  float[] newScratch(int rows);

  /** Scores query {@code q[qOff, qOff+dim)} against rows {@code [from, to)}, writing row {@code r}'s score to {@code out[outOff + r - from]}. */
  void scoreRows(VectorKernels kernels, Score score, float[] q, int qOff, int from, int to, float[] out, int outOff, float[] scratch);

  /** The score of query {@code q[qOff, qOff+dim)} against one row. */
  float score(VectorKernels kernels, Score score, float[] q, int qOff, int row, float[] scratch);

  /**
   * Packs rows {@code [from, to)} for {@link VectorKernels#scorePacked} as {@link
   * VectorKernels#packRows} does and returns its largest squared row norm; {@code scratch} must
   * come from {@code newScratch(to - from)} or larger.
   */
  float packRows(VectorKernels kernels, int from, int to, float[] packed, float[] scratch);

  /** Writes rows {@code [0, rows)} as little-endian float32, row-major, without a count. */
  void writeRows(BinaryOut out, int rows) throws IOException;

  /** Bytes of Java heap the rows occupy (0 for mapped rows). */
  long heapBytes();

  /** Bytes mapped outside the heap (0 for heap rows). */
  long mappedBytes();

  /** Frees the rows (a mapped store unmaps them); idempotent. */
  void close();
}
