package org.artsim.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class NearMatchTest {

  /** The textbook recursion, for small strings. */
  private static int naive(String a, String b) {
    if (a.isEmpty()) {
      return b.length();
    }
    if (b.isEmpty()) {
      return a.length();
    }
    int cost = a.charAt(0) == b.charAt(0) ? 0 : 1;
    return Math.min(Math.min(naive(a.substring(1), b) + 1, naive(a, b.substring(1)) + 1), naive(a.substring(1), b.substring(1)) + cost);
  }

  @Test
  void distanceEqualsTheNaiveRecursionOnRandomStrings() {
    Seeds.stream("near-match", 300).forEach(seed -> {
      var r = new SplittableRandom(seed);
      String a = word(r);
      String b = word(r);
      assertThat(NearMatch.distance(a, b)).as("%s vs %s (seed %d)", a, b, seed).isEqualTo(naive(a, b));
    });
  }

  private static String word(SplittableRandom r) {
    var sb = new StringBuilder();
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(3)));
    }
    return sb.toString();
  }

  @Test
  void closestIgnoresCaseBreaksTiesAlphabeticallyAndRespectsTheLimit() {
    assertThat(NearMatch.closest("Culture", List.of("medium", "culture"), 2)).isEqualTo("culture");
    assertThat(NearMatch.closest("hnws", List.of("hnsw", "hnsw-lucene", "flat"), 2)).isEqualTo("hnsw");
    assertThat(NearMatch.closest("ab", List.of("ac", "aa"), 1)).isEqualTo("aa");
    assertThat(NearMatch.closest("zzzzzz", List.of("flat"), 2)).isNull();
    assertThat(NearMatch.closest(null, List.of("flat"), 2)).isNull();
  }
}
