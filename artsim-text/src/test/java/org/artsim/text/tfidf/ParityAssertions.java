package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.artsim.Hit;

/** Compares artsim's index with scikit-learn's fitted vectorizer and rankings. */
final class ParityAssertions {
  private ParityAssertions() {}

  /** Document rows from the postings: document ordinal -> column -> value. */
  static Map<Integer, Map<Integer, Double>> rows(FittedModel m) {
    var rows = new HashMap<Integer, Map<Integer, Double>>();
    for (int c = 0; c < m.terms.length; c++) {
      for (int p = 0; p < m.postDocs[c].length; p++) {
        rows.computeIfAbsent(m.postDocs[c][p], d -> new HashMap<>()).put(c, m.postWeights[c][p]);
      }
    }
    return rows;
  }

  static void assertVocabulary(FittedModel m, SklearnFixture.Vocabulary expected, double tol) {
    assertThat(m.terms).containsExactly(expected.terms());
    for (int c = 0; c < m.terms.length; c++) {
      assertThat(m.idf[c]).as("idf of '%s'", m.terms[c]).isCloseTo(expected.idf()[c], within(tol));
    }
  }

  /**
   * Our hits against scikit-learn's ranking (score desc, then document index asc; zero scores
   * included). We return only documents with a positive score, so we compare against the positive
   * prefix. Scores must agree at every rank; ids must agree as sets within each group of equal
   * scores (a tie broken by the last bit of a float64 sum may order tied documents differently), and
   * the group cut by the end of the list may hold other documents of exactly that score.
   */
  static void assertRanking(String query, List<Hit> hits, List<SklearnFixture.Ranked> expected, int k, double tol) {
    var positive = new ArrayList<SklearnFixture.Ranked>();
    for (var r : expected) {
      if (r.score() > 1e-12) {
        positive.add(r);
      }
    }
    int want = Math.min(k, positive.size());
    boolean cut = positive.size() == expected.size() && expected.size() == k;
    assertThat(hits).as("hits of '%s'", query).hasSize(want);
    for (int i = 0; i < want; i++) {
      assertThat((double) hits.get(i).score()).as("score %d of '%s'", i, query).isCloseTo(positive.get(i).score(), within(tol));
    }
    int i = 0;
    while (i < want) {
      int j = i;
      while (j + 1 < want && Math.abs(positive.get(j + 1).score() - positive.get(i).score()) <= 1e-12) {
        j++;
      }
      Set<String> ours = new HashSet<>();
      Set<String> theirs = new HashSet<>();
      for (int r = i; r <= j; r++) {
        ours.add(hits.get(r).id());
        theirs.add(SklearnFixture.id(positive.get(r).doc()));
      }
      boolean lastGroup = j == want - 1 && cut;
      if (!lastGroup) {
        assertThat(ours).as("documents scored %s for '%s'", positive.get(i).score(), query).isEqualTo(theirs);
      }
      i = j + 1;
    }
  }
}
