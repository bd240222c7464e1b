package org.artsim.testing;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeds for randomised tests. One master seed ({@code -Dartsim.tests.seed=N}, default a fixed
 * value so CI is repeatable) derives every test's seeds; a failing assertion names its seed, and
 * rerunning with the same master seed reproduces it.
 */
public final class Seeds {
  private Seeds() {}

  /** The master seed. */
  public static long master() {
    String s = System.getProperty("artsim.tests.seed", "");
    if (s.isBlank() || s.startsWith("$")) {
      return 20261123L;
    }
    return Long.parseLong(s.trim());
  }

  /** {@code n} seeds derived from the master seed and a salt (use the test's name). */
  public static LongStream stream(String salt, int n) {
    var r = new SplittableRandom(master() ^ salt.hashCode());
    return LongStream.range(0, n).map(i -> r.nextLong());
  }

  /** A line to put in assertion messages. */
  public static String reproduce(long seed) {
    return "seed " + seed + " (reproduce with -Dartsim.tests.seed=" + master() + ")";
  }
}
