package org.artsim.recommend.cluster;

import java.util.List;

/**
 * FasterPAM: the swap phase of PAM, reorganised so that one pass over all candidate objects costs
 * {@code O(n²)} instead of {@code O(k·n²)}, with eager swapping.
 *
 * <p>Schubert, E. and Rousseeuw, P. J., "Fast and eager k-medoids clustering: O(k) runtime
 * improvement of the PAM, CLARA, and CLARANS algorithms", Information Systems 101 (2021), and JMLR
 * 22(4); DOI <a href="https://doi.org/10.1016/j.is.2021.101804">10.1016/j.is.2021.101804</a>.
 * Implemented from the paper's description.
 *
 * <p>Per object {@code o} the state holds its nearest medoid and distance {@code dn(o)} and its
 * second nearest and {@code ds(o)}. The removal loss of medoid {@code m} is {@code Σ (ds − dn)}
 * over the objects nearest to it. For a candidate {@code x}, one scan over all objects gives the
 * change of the total deviation for swapping {@code x} with <em>every</em> medoid at once: objects
 * closer to {@code x} than to their nearest medoid contribute {@code d(o,x) − dn(o)} to every
 * swap (and cancel their removal loss); objects between {@code dn} and {@code ds} only lower the
 * cost of removing their nearest medoid. The best swap is taken at once when it lowers the loss by
 * more than {@code 1e-12} of the loss ("eager"); the scan then continues with the next candidate,
 * wrapping around, and stops when it comes back to the last swapped object without a swap, or after
 * {@code maxIterations} passes. The result is a local optimum for single swaps, like PAM's.
 *
 * <p>Ties: the lowest cluster index wins among equal nearest distances and equal swap gains, and
 * candidates are scanned in object order, so a run is deterministic. Not thread-safe (one run per
 * instance).
 */
final class FasterPam {
  private final Dissimilarity d;
  private final int n;
  private final int k;
  private final int[] medoids;
  private final int[] clusterOf;
  private final int[] nearest;
  private final int[] second;
  private final double[] dn;
  private final double[] ds;
  private final double[] removal;
  private final double[] scratch;
  /** The precomputed float matrix when the input is one (read directly, without a copy per row). */
  private final VectorDissimilarity.FloatMatrix floats;

  private FasterPam(Dissimilarity d, int[] init) {
    this.d = d;
    this.floats = d instanceof VectorDissimilarity.FloatMatrix f ? f : null;
    this.n = d.size();
    this.k = init.length;
    this.medoids = init.clone();
    this.clusterOf = new int[n];
    java.util.Arrays.fill(clusterOf, -1);
    for (int c = 0; c < k; c++) {
      clusterOf[medoids[c]] = c;
    }
    this.nearest = new int[n];
    this.second = new int[n];
    this.dn = new double[n];
    this.ds = new double[n];
    this.removal = new double[k];
    this.scratch = new double[n];
  }

  /** Runs FasterPAM from {@code init} (validated by the caller: distinct objects in range, 1 <= k <= n). */
  static KMedoidsResult run(Dissimilarity d, int[] init, int maxIterations, List<String> ids) {
    if (init.length == 1) {
      return single(d, init[0], ids);
    }
    var pam = new FasterPam(d, init);
    return pam.optimise(maxIterations, ids);
  }

  /** k = 1: the object with the least distance sum is optimal; find it exactly. */
  private static KMedoidsResult single(Dissimilarity d, int start, List<String> ids) {
    int n = d.size();
    double[] buf = new double[n];
    int best = -1;
    double bestSum = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double[] row = d.row(i, buf);
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += row[j];
      }
      if (s < bestSum) {
        bestSum = s;
        best = i;
      }
    }
    int[] medoids = {best};
    int[] assignment = new int[n];
    return new KMedoidsResult(medoids, assignment, KMedoids.exactLoss(d, medoids, assignment), 1, best == start ? 0 : 1, ids);
  }

  private KMedoidsResult optimise(int maxIterations, List<String> ids) {
    assignAll();
    double loss = totalDeviation();
    updateRemovalLoss();
    double[] delta = new double[k];
    int lastSwap = -1;
    int iterations = 0;
    int swaps = 0;
    outer:
    while (iterations < maxIterations) {
      iterations++;
      boolean swapped = false;
      for (int x = 0; x < n; x++) {
        if (x == lastSwap) {
          break outer;
        }
        if (clusterOf[x] >= 0) {
          continue;
        }
        System.arraycopy(removal, 0, delta, 0, k);
        double[] row = floats != null ? null : d.row(x, scratch);
        double shared = row == null ? scan(floats.floatRow(x), delta) : scan(row, delta);
        int b = 0;
        for (int c = 1; c < k; c++) {
          if (delta[c] < delta[b]) {
            b = c;
          }
        }
        double change = delta[b] + shared;
        if (change < -1e-12 * loss) {
          swap(b, x, row != null ? row : d.row(x, scratch));
          loss = totalDeviation();
          updateRemovalLoss();
          lastSwap = x;
          swaps++;
          swapped = true;
        }
      }
      if (!swapped) {
        break;
      }
    }
    int[] assignment = nearest.clone();
    for (int c = 0; c < k; c++) {
      assignment[medoids[c]] = c;
    }
    return new KMedoidsResult(medoids, assignment, KMedoids.exactLoss(d, medoids, assignment), iterations, swaps, ids);
  }

  /**
   * One candidate's scan: adds to {@code delta} the change of removing each medoid given that the
   * candidate (with distances {@code row}) is added, and returns the change shared by all swaps.
   */
  private double scan(double[] row, double[] delta) {
    double shared = 0;
    for (int o = 0; o < n; o++) {
      double dox = row[o];
      double dno = dn[o];
      if (dox < dno) {
        shared += dox - dno;
        delta[nearest[o]] += dno - ds[o];
      } else if (dox < ds[o]) {
        delta[nearest[o]] += dox - ds[o];
      }
    }
    return shared;
  }

  /** {@link #scan(double[], double[])} over a float row (the same arithmetic, in double). */
  private double scan(float[] row, double[] delta) {
    double shared = 0;
    for (int o = 0; o < n; o++) {
      double dox = row[o];
      double dno = dn[o];
      if (dox < dno) {
        shared += dox - dno;
        delta[nearest[o]] += dno - ds[o];
      } else if (dox < ds[o]) {
        delta[nearest[o]] += dox - ds[o];
      }
    }
    return shared;
  }

  /** Sets nearest/second for every object from scratch: k rows. */
  private void assignAll() {
    java.util.Arrays.fill(dn, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(ds, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(nearest, -1);
    java.util.Arrays.fill(second, -1);
    for (int c = 0; c < k; c++) {
      double[] row = d.row(medoids[c], scratch);
      for (int o = 0; o < n; o++) {
        double v = row[o];
        if (v < dn[o]) {
          ds[o] = dn[o];
          second[o] = nearest[o];
          dn[o] = v;
          nearest[o] = c;
        } else if (v < ds[o]) {
          ds[o] = v;
          second[o] = c;
        }
      }
    }
  }

  private double totalDeviation() {
    double s = 0;
    for (int o = 0; o < n; o++) {
      s += dn[o];
    }
    return s;
  }

  private void updateRemovalLoss() {
    java.util.Arrays.fill(removal, 0);
    for (int o = 0; o < n; o++) {
      removal[nearest[o]] += ds[o] - dn[o];
    }
  }

  /** Makes {@code x} the medoid of cluster {@code b}; {@code rowX} holds d(x, ·). */
  private void swap(int b, int x, double[] rowX) {
    clusterOf[medoids[b]] = -1;
    medoids[b] = x;
    clusterOf[x] = b;
    for (int o = 0; o < n; o++) {
      double dox = rowX[o];
      if (nearest[o] == b) {
        if (dox <= ds[o]) {
          dn[o] = dox;
        } else {
          nearest[o] = second[o];
          dn[o] = ds[o];
          rescanSecond(o, b, dox);
        }
      } else if (second[o] == b) {
        if (dox < dn[o]) {
          second[o] = nearest[o];
          ds[o] = dn[o];
          nearest[o] = b;
          dn[o] = dox;
        } else if (dox <= ds[o]) {
          ds[o] = dox;
        } else {
          rescanSecond(o, b, dox);
        }
      } else if (dox < dn[o]) {
        second[o] = nearest[o];
        ds[o] = dn[o];
        nearest[o] = b;
        dn[o] = dox;
      } else if (dox < ds[o]) {
        second[o] = b;
        ds[o] = dox;
      }
    }
  }

  /** Finds the second nearest medoid of {@code o} among all but its nearest (O(k) distances). */
  private void rescanSecond(int o, int b, double dob) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      if (c == nearest[o]) {
        continue;
      }
      double v = c == b ? dob : d.distance(o, medoids[c]);
      if (v < bestD) {
        bestD = v;
        best = c;
      }
    }
    second[o] = best;
    ds[o] = bestD;
  }
}
