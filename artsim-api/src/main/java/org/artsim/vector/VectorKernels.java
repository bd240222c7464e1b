package org.artsim.vector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distance kernels over {@code float[]} vectors: dot products and squared Euclidean distances, one
 * pair at a time, one query against many stored rows, or a block of queries against a block of
 * rows (the batch path).
 *
 * <p>Two implementations exist: one on the JDK Vector API ({@code jdk.incubator.vector}, used when
 * the JVM runs with {@code --add-modules jdk.incubator.vector}) and a scalar twin. Both add the
 * products in the same order &mdash; lane {@code l} of {@code lanes()} accumulators sums elements
 * {@code i ≡ l (mod lanes)} with fused multiply-adds, the lanes are then added as a halving tree
 * ({@code a[i] += a[i + h]} for {@code h = lanes/2, ..., 1}), then the tail elements one by one
 * &mdash; so for the same lane count they return <b>bitwise identical</b> results, and the single,
 * many-row and block paths agree with each other exactly. The packed batch kernel ({@link
 * #scorePacked}) is the one exception: it sums in element order, so callers that need the exact
 * scores re-score its near candidates.
 *
 * <p>{@link #get()} picks the Vector API when available and logs the choice once; {@code
 * -Dartsim.kernels=scalar} forces the scalar twin; {@code -Dartsim.kernels.bits=256} (or {@code
 * 128}) narrows the Vector API kernels to that width, e.g. to measure AVX2's 8 lanes on an
 * AVX-512 machine (a width the machine lacks, or any other value, keeps the preferred width and
 * logs a warning). Stateless and thread-safe.
 *
 * <p>Row matrices are row-major: row {@code r} of dimension {@code dim} starts at {@code r * dim}.
 */
public interface VectorKernels {

  /** What a kernel computes for a pair; both are "higher is closer". */
  enum Score {
    /** The dot product. */
    DOT,
    /** The negated squared Euclidean distance. */
    NEG_SQUARED_L2
  }

  /** {@code "panama"} or {@code "scalar"}. */
  String name();

  /** The number of accumulator lanes that fixes the summation order. */
  int lanes();

  /** The dot product of {@code a[aOff, aOff+len)} and {@code b[bOff, bOff+len)}. */
  float dot(float[] a, int aOff, float[] b, int bOff, int len);

  /** The squared Euclidean distance of {@code a[aOff, aOff+len)} and {@code b[bOff, bOff+len)}. */
  float squaredDistance(float[] a, int aOff, float[] b, int bOff, int len);

  /**
   * Scores the query {@code q[qOff, qOff+dim)} against rows {@code [rowFrom, rowTo)} of {@code
   * rows}, writing row {@code r}'s score to {@code out[outOff + r - rowFrom]}.
   */
  void scoreRows(Score score, float[] q, int qOff, float[] rows, int dim, int rowFrom, int rowTo, float[] out, int outOff);

  /**
   * Scores the query {@code q[0, dim)} against scattered rows: {@code rows[ids[i]][0, dim)} for
   * {@code i} in {@code [from, to)}, writing to {@code out[outOff + i - from]}. Each score equals
   * {@link #score} of the pair bit for bit; the rows are read four at a time so that their memory
   * loads overlap, which is what a graph search over scattered neighbours needs.
   */
  void scoreGathered(Score score, float[] q, float[][] rows, int[] ids, int from, int to, int dim, float[] out, int outOff);

  /**
   * Scores queries {@code [qFrom, qTo)} of the row-major {@code queries} against rows {@code
   * [rowFrom, rowTo)} of {@code rows}; the score of query {@code i} and row {@code r} goes to
   * {@code out[(i - qFrom) * (rowTo - rowFrom) + (r - rowFrom)]}. Equal to calling {@link
   * #scoreRows} per query, faster.
   */
  void scoreBlock(Score score, float[] queries, int qFrom, int qTo, float[] rows, int dim, int rowFrom, int rowTo, float[] out);

  /**
   * Packs rows {@code [rowFrom, rowTo)} of the row-major {@code rows} for {@link #scorePacked}:
   * element {@code k} of row {@code rowFrom + j} goes to {@code packed[k * packedStride(rowTo -
   * rowFrom) + j]}, the padding columns are zeroed. {@code packed} must hold {@code dim *
   * packedStride(rowTo - rowFrom)} floats.
   *
   * @return the largest squared Euclidean norm among the packed rows (a float sum of squares), for
   *     the caller's error bound
   */
  default float packRows(float[] rows, int dim, int rowFrom, int rowTo, float[] packed) {
    return PackedRows.pack(rows, dim, rowFrom, rowTo, packed, lanes());
  }

  /** The row stride of the packed layout for {@code rows} rows: {@code rows} rounded up to a multiple of {@link #lanes()}. */
  default int packedStride(int rows) {
    return PackedRows.stride(rows, lanes());
  }

  /**
   * Scores queries {@code [qFrom, qTo)} of the row-major {@code queries} against {@code rows} rows
   * packed by {@link #packRows}; the score of query {@code i} and packed row {@code j} goes to
   * {@code out[(i - qFrom) * packedStride(rows) + j]} (padding columns get unspecified values).
   *
   * <p>The fast batch kernel (no per-pair reduction), but <b>not</b> the summation order of the
   * other methods: each score is summed in element order, one fused multiply-add per element
   * ({@code acc = fma(q[k], r[k], acc)}; for {@link Score#NEG_SQUARED_L2} {@code d = q[k] - r[k];
   * acc = fma(d, d, acc)}, negated), identically in both implementations. A score can therefore
   * differ from {@link #score} in the last bits; both are within {@code γ(dim + 2) · Σ|q[k]·r[k]|}
   * (for L2 {@code γ(dim + 2)} times the distance) of the exact value, {@code γ(n) = n·u / (1 -
   * n·u)}, {@code u = 2^-24}, so callers that need {@link #score}'s exact results re-score the
   * candidates whose packed score comes within the two orders' combined error of their threshold.
   */
  void scorePacked(Score score, float[] queries, int qFrom, int qTo, float[] packed, int dim, int rows, float[] out);

  /**
   * Approximate dot products of a float query {@code w[0, dim)} with 8-bit rows: for each row
   * {@code r} in {@code [rowFrom, rowTo)}, {@code out[outOff + r - rowFrom] = sum_d w[d] *
   * codes[r * dim + d]} (codes are signed bytes). Used as a fast pre-pass whose error the caller
   * bounds; the summation order is not specified and may differ between implementations.
   */
  void dotBytesRows(float[] w, byte[] codes, int dim, int rowFrom, int rowTo, float[] out, int outOff);

  /** The dot product of two whole arrays of equal length. */
  default float dot(float[] a, float[] b) {
    return dot(a, 0, b, 0, a.length);
  }

  /** The squared Euclidean distance of two whole arrays of equal length. */
  default float squaredDistance(float[] a, float[] b) {
    return squaredDistance(a, 0, b, 0, a.length);
  }

  /** The score of one pair of whole arrays. */
  default float score(Score score, float[] a, float[] b) {
    return score == Score.DOT ? dot(a, b) : -squaredDistance(a, b);
  }

  /** The fastest kernels this JVM offers (chosen once). */
  static VectorKernels get() {
    return KernelSelection.BEST;
  }

  /** The scalar twin of {@link #get()}: the same lane count, so bitwise the same results. */
  static VectorKernels scalar() {
    return KernelSelection.SCALAR_TWIN;
  }

  /** Holds the one-time choice (a holder class, so it is made on first use). */
  final class KernelSelection {
    private static final Logger LOG = LoggerFactory.getLogger(VectorKernels.class);
    static final VectorKernels BEST;
    static final VectorKernels SCALAR_TWIN;

    static {
      VectorKernels panama = null;
      String forced = System.getProperty("artsim.kernels", "");
      boolean moduleLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
      if (!forced.equalsIgnoreCase("scalar") && moduleLoaded) {
        try {
          panama = new PanamaKernels();
        } catch (LinkageError | RuntimeException e) {
          LOG.warn("Vector API kernels unavailable ({}); using scalar kernels", e.toString());
        }
      }
      SCALAR_TWIN = new ScalarKernels(panama == null ? ScalarKernels.DEFAULT_LANES : panama.lanes());
      BEST = panama == null ? SCALAR_TWIN : panama;
      String bits = System.getProperty(PanamaKernels.BITS_PROPERTY);
      if (panama != null && bits != null && !bits.trim().equals(Integer.toString(32 * panama.lanes()))) {
        LOG.warn("-D{}={} is not a vector width this machine offers (128, 256 or 512, at most its preferred width); using {} bits",
            PanamaKernels.BITS_PROPERTY, bits, 32 * panama.lanes());
      }
      if (panama != null) {
        LOG.debug("artsim vector kernels: Vector API, {} float lanes", panama.lanes());
      } else if (!forced.equalsIgnoreCase("scalar")) {
        LOG.info(
            "artsim vector kernels: scalar (start the JVM with --add-modules jdk.incubator.vector for SIMD kernels)");
      }
    }

    private KernelSelection() {}
  }
}
