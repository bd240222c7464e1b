package org.artsim.spi;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The "did you mean" of artsim's messages: the known name closest to a misspelt one, by
 * case-insensitive edit distance (Levenshtein), for implementations that want to name the likely
 * intent in an error (an unknown provider, label field or setting). Ties go to the alphabetically
 * first name, so messages are deterministic.
 */
public final class NearMatch {
  private NearMatch() {}

  /**
   * The name in {@code known} closest to {@code name} if at most {@code maxDistance} edits away
   * (a name equal but for case is 0 edits); null if none is, or {@code name} is null.
   */
  public static String closest(String name, Collection<String> known, int maxDistance) {
    if (name == null || known == null) {
      return null;
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : new TreeSet<>(known)) {
      int d = distance(wanted, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return bestDistance <= maxDistance ? best : null;
  }

  /** The Levenshtein distance between two strings (insertions, deletions and substitutions cost 1). */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
