package org.artsim.index.flat;

import java.util.Arrays;
import java.util.BitSet;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;

/**
 * The rows of one batch query whose packed score ({@link VectorKernels#scorePacked}, summed in
 * element order) could still put them in the top k of the exact scores ({@link
 * VectorKernels#score}, the order single searches use), so that only those rows are scored again.
 *
 * <h2>Why the kept rows contain the exact top k</h2>
 *
 * Both sums of a pair are within {@code γ·Σ|q[i]·r[i]|} of the real value ({@code γ = γ(dim + 2)},
 * see {@link VectorKernels#scorePacked}), so they differ by at most {@code δ(r) = 2γ·‖q‖·‖r‖}
 * (Cauchy-Schwarz) for a dot product, and by at most {@code 2γ/(1 - γ)} times the packed distance
 * for L2. Let {@code t} be the k-th best packed score among the rows seen so far and {@code M} the
 * largest row norm among them: those k rows have exact scores of at least {@code t - 2γ‖q‖M}, so
 * the final exact k-th score {@code s} is at least that, and any row {@code r} of the exact top k
 * has a packed score of at least {@code s - δ(r) ≥ t - 4γ‖q‖M}. Rows below that bound are dropped
 * (at any time: the bound only tightens as better rows arrive); the rest are re-scored exactly at
 * the end and offered to the caller's {@link TopK}, which orders them exactly as a single search
 * does (score, then id). The bound is widened by 1% and rounded down, for the float rounding of
 * the norms and of the bound itself. For L2 the same argument gives {@code packed ≥ t·(1 + c)/(1 -
 * c)} with {@code c = 2γ/(1 - γ)} (scores are negated distances, so {@code t ≤ 0}).
 *
 * <p>Rows that tie, or nearly tie, at the threshold are all kept; should more than {@link #LIMIT}
 * be kept at once (a collection of many identical vectors), or could a sum overflow a float (the
 * bound holds for finite sums only), the query gives up on the packed scores and is answered by the
 * caller with the single-query scan instead ({@link #givenUp}). Subnormal results are covered by
 * an absolute term ({@code 2(dim + 2)} times the smallest subnormal).
 * One per query and thread.
 */
final class PackedCandidates {
  /** The most rows kept at once before the query falls back to the single-query scan. */
  static final int LIMIT = 1 << 16;

  private final Score score;
  private final TopK packed;
  /** {@code 4γ·‖q‖} (dot) or {@code c} (L2), widened by 1%. */
  private final double margin;
  /** The query's norm. */
  private final double queryNorm;
  /** What underflow can add: half the smallest subnormal per operation, both sums, all terms. */
  private final double absolute;
  private int[] rows = new int[64];
  private float[] scores = new float[64];
  private int count;
  private float threshold = Float.NEGATIVE_INFINITY;
  private float bound = Float.NEGATIVE_INFINITY;
  private double maxNorm;
  private boolean givenUp;

  /** A collector for query {@code qs[qOff, qOff + dim)} and the {@code k} best rows. */
  PackedCandidates(Score score, float[] qs, int qOff, int dim, int k) {
    this.score = score;
    this.packed = new TopK(k, row -> "");
    double n = dim + 2.0;
    double u = 0x1p-24;
    double gamma = n * u / (1 - n * u);
    double s = 0;
    for (int i = qOff; i < qOff + dim; i++) {
      s += (double) qs[i] * qs[i];
    }
    this.queryNorm = Math.sqrt(s);
    this.absolute = 2 * n * Float.MIN_VALUE;
    if (score == Score.DOT) {
      this.margin = 1.01 * 4 * gamma * queryNorm;
    } else {
      this.margin = 1.01 * 2 * gamma / (1 - gamma);
    }
  }

  /**
   * Takes note that the rows about to be offered have squared norms of at most {@code
   * maxSquaredNorm}. Gives up ({@link #givenUp}) when a partial sum of either order could overflow
   * a float ({@code (‖q‖ + ‖r‖)² ≥ Float.MAX_VALUE / 4}): the error bound only holds for finite sums.
   */
  void rowsUpTo(float maxSquaredNorm) {
    double norm = Math.sqrt(maxSquaredNorm);
    double reach = queryNorm + norm;
    if (!(reach * reach < Float.MAX_VALUE / 4.0)) {
      giveUp();
      return;
    }
    if (norm > maxNorm) {
      maxNorm = norm;
      tighten();
    }
  }

  /** Offers rows {@code [from, to)}, whose packed scores are {@code tile[off + r - from]}, skipping rows not in {@code allowed}. */
  void offer(float[] tile, int off, int from, int to, BitSet allowed) {
    if (givenUp) {
      return;
    }
    for (int r = from; r < to; r++) {
      float s = tile[off + r - from];
      if (s >= bound && (allowed == null || allowed.get(r))) {
        keep(r, s);
        if (givenUp) {
          return;
        }
        if (s >= threshold) {
          packed.offer(s, r);
          if (packed.threshold() != threshold) {
            threshold = packed.threshold();
            tighten();
          }
        }
      }
    }
  }

  /**
   * Whether this query gave up on the packed scores (more than {@link #LIMIT} rows kept at once, or
   * sums that could overflow): the caller must answer it with the single-query scan.
   */
  boolean givenUp() {
    return givenUp;
  }

  /** Scores the kept rows that are still within the bound with {@code exact} and offers them to {@code top}. */
  void rescore(ExactScore exact, TopK top) {
    for (int i = 0; i < count; i++) {
      if (scores[i] >= bound) {
        top.offer(exact.score(rows[i]), rows[i]);
      }
    }
  }

  /** The exact score of one row against the query. */
  @FunctionalInterface
  interface ExactScore {
    float score(int row);
  }

  private void keep(int row, float s) {
    if (count == rows.length) {
      compact();
      if (count > rows.length / 2) {
        if (rows.length >= LIMIT) {
          giveUp();
          return;
        }
        rows = Arrays.copyOf(rows, rows.length * 2);
        scores = Arrays.copyOf(scores, scores.length * 2);
      }
    }
    rows[count] = row;
    scores[count++] = s;
  }

  private void giveUp() {
    givenUp = true;
    rows = null;
    scores = null;
    count = 0;
  }

  /** Drops the kept rows below the current bound. */
  private void compact() {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (scores[i] >= bound) {
        rows[kept] = rows[i];
        scores[kept++] = scores[i];
      }
    }
    count = kept;
  }

  /** Recomputes the bound from the threshold and the largest row norm, rounded down. */
  private void tighten() {
    if (threshold == Float.NEGATIVE_INFINITY) {
      bound = Float.NEGATIVE_INFINITY;
      return;
    }
    double b = (score == Score.DOT ? threshold - margin * maxNorm : threshold * (1 + margin) / (1 - margin)) - absolute;
    float f = (float) b;
    bound = f > b ? Math.nextDown(f) : f;
  }
}
