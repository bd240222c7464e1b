package org.artsim.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.artsim.Hit;

/** Comparisons of result lists that tolerate float rounding only where it can matter. */
public final class NeighbourAssertions {
  private NeighbourAssertions() {}

  /** The tolerance for a float32 score of magnitude {@code s} computed over {@code dim} terms. */
  public static double tolerance(double s, int dim) {
    return 1e-5 * Math.max(1.0, Math.abs(s)) * Math.max(1.0, Math.sqrt(dim));
  }

  /**
   * Checks that {@code actual} is an exact top-k: same length as {@code expected}, distinct ids,
   * scores equal rank by rank within rounding, and the same id at each rank except where the
   * expected scores around that rank tie within rounding.
   */
  public static void assertSameNeighbours(List<Hit> actual, List<Hit> expected, int dim, String context) {
    assertThat(actual).as(context + ": number of hits").hasSize(expected.size());
    var seen = new HashSet<String>();
    for (Hit h : actual) {
      assertThat(seen.add(h.id())).as(context + ": id %s returned twice", h.id()).isTrue();
    }
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.get(i).score();
      double tol = tolerance(e, dim);
      assertThat((double) actual.get(i).score()).as(context + ": score at rank " + i).isCloseTo(e, org.assertj.core.data.Offset.offset(tol));
      boolean tiedAbove = i > 0 && Math.abs(expected.get(i - 1).score() - e) <= 2 * tol;
      boolean tiedBelow = i + 1 < expected.size() && Math.abs(expected.get(i + 1).score() - e) <= 2 * tol;
      boolean tiedBeyond = i == expected.size() - 1;
      if (!tiedAbove && !tiedBelow && !tiedBeyond) {
        assertThat(actual.get(i).id()).as(context + ": id at rank " + i).isEqualTo(expected.get(i).id());
      }
    }
  }

  /** The fraction of {@code expected}'s ids that {@code actual} contains (recall). */
  public static double recall(List<Hit> actual, List<Hit> expected) {
    if (expected.isEmpty()) {
      return 1.0;
    }
    var ids = new HashSet<String>();
    actual.forEach(h -> ids.add(h.id()));
    return expected.stream().filter(h -> ids.contains(h.id())).count() / (double) expected.size();
  }
}
