package org.artsim;

import java.time.Duration;

/**
 * A snapshot of a long operation: items done out of a total, the rate in items per second, and an
 * estimate of the time left (null while the rate is unknown).
 */
public record Progress(String task, long done, long total, double ratePerSecond, Duration eta) {
  /** The fraction done, in [0, 1] (1 when the total is 0). */
  public double fraction() {
    return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
  }

  /** Whether everything is done. */
  public boolean finished() {
    return done >= total;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %d/%d (%.1f%%, %.1f/s%s)",
        task,
        done,
        total,
        100 * fraction(),
        ratePerSecond,
        eta == null ? "" : ", eta " + eta.toSeconds() + " s");
  }
}
