package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.artsim.text.TfidfConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parity with scikit-learn 1.2.1 on the shared fortunes fixture (15,217 documents), read from
 * {@code ../shared/data/tfidf-sklearn} beside the repository root; skipped when it is absent.
 *
 * <p>{@code default} ({@code TfidfVectorizer()}) is compared in full. For {@code bigram15k} the
 * {@code max_features} cut-off ties at total count 3 and scikit-learn picks among the tied terms
 * with numpy's unstable argsort, so fitting is compared on the terms above the cut-off only, and
 * transform + scoring are compared with scikit-learn's own vocabulary and idf loaded into the index.
 */
class SharedFortunesParityTest {
  private static Path dir;
  private static List<String> docs;
  private static List<String> queries;

  @BeforeAll
  static void load() {
    dir = SklearnFixture.shared();
    if (dir != null) {
      docs = SklearnFixture.lines(SklearnFixture.file(dir.resolve("corpus.txt.gz")));
      queries = SklearnFixture.lines(SklearnFixture.file(dir.resolve("queries.txt")));
    }
  }

  private static TfidfTextIndex index(TfidfConfig config) {
    var index = new TfidfTextIndex(config);
    index.addAll(SklearnFixture.documents(docs));
    return index;
  }

  @Test
  void defaultSettingsEqualScikitLearnInFull() {
    assumeTrue(dir != null, "../shared/data/tfidf-sklearn is not present");
    assertThat(docs).hasSize(15217);
    var index = index(TfidfConfig.sklearnDefaults());
    var m = index.fittedModel();
    ParityAssertions.assertVocabulary(m, SklearnFixture.vocabulary(SklearnFixture.file(dir.resolve("vocab_default.tsv"))), 1e-9);
    assertThat(ParityAssertions.rows(m).values().stream().mapToInt(java.util.Map::size).sum()).isEqualTo(330472);
    var expected = SklearnFixture.top10Json(SklearnFixture.file(dir.resolve("top10_default.json")));
    assertThat(expected).hasSize(queries.size());
    for (int q = 0; q < queries.size(); q++) {
      ParityAssertions.assertRanking(queries.get(q), index.search(queries.get(q), 10).hits(), expected.get(q), 10, 1e-6);
    }
  }

  @Test
  void bigram15kFitKeepsEveryTermAboveTheCutOff() {
    assumeTrue(dir != null, "../shared/data/tfidf-sklearn is not present");
    var index = index(TfidfConfig.reference());
    var m = index.fittedModel();
    var theirs = SklearnFixture.vocabulary(SklearnFixture.file(dir.resolve("vocab_bigram15k.tsv")));
    assertThat(m.terms).hasSize(15000);
    var ourIdf = new HashMap<String, Double>();
    for (int c = 0; c < m.terms.length; c++) {
      ourIdf.put(m.terms[c], m.idf[c]);
    }
    Set<String> common = new HashSet<>();
    Set<String> onlyTheirs = new HashSet<>();
    for (int c = 0; c < theirs.terms().length; c++) {
      Double idf = ourIdf.get(theirs.terms()[c]);
      if (idf == null) {
        onlyTheirs.add(theirs.terms()[c]);
      } else {
        common.add(theirs.terms()[c]);
        assertThat(idf).as("idf of '%s'", theirs.terms()[c]).isCloseTo(theirs.idf()[c], within(1e-9));
      }
    }
    Set<String> onlyOurs = new HashSet<>(ourIdf.keySet());
    onlyOurs.removeAll(common);
    double[] oursCounts = index.corpusCounts(onlyOurs.toArray(String[]::new));
    double[] theirCounts = index.corpusCounts(onlyTheirs.toArray(String[]::new));
    for (double c : oursCounts) {
      assertThat(c).isEqualTo(3.0);
    }
    for (double c : theirCounts) {
      assertThat(c).isEqualTo(3.0);
    }
    assertThat(onlyOurs).hasSameSizeAs(onlyTheirs);
    // every term counted more than 3 times (11,233 of them) is in both vocabularies
    String[] all = m.terms;
    double[] counts = index.corpusCounts(all);
    long above = java.util.Arrays.stream(counts).filter(c -> c > 3).count();
    assertThat(above).isEqualTo(11233);
    assertThat(common).hasSizeGreaterThanOrEqualTo(11233);
  }

  @Test
  void bigram15kTransformAndScoringWithScikitLearnsVocabulary() {
    assumeTrue(dir != null, "../shared/data/tfidf-sklearn is not present");
    var theirs = SklearnFixture.vocabulary(SklearnFixture.file(dir.resolve("vocab_bigram15k.tsv")));
    var index = index(TfidfConfig.reference());
    index.useVocabulary(theirs.terms(), theirs.idf());
    var m = index.fittedModel();
    assertThat(ParityAssertions.rows(m).values().stream().mapToInt(java.util.Map::size).sum()).isEqualTo(187032);
    var expected = SklearnFixture.top10Json(SklearnFixture.file(dir.resolve("top10_bigram15k.json")));
    for (int q = 0; q < queries.size(); q++) {
      ParityAssertions.assertRanking(queries.get(q), index.search(queries.get(q), 10).hits(), expected.get(q), 10, 1e-6);
    }
  }
}
