package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.artsim.text.TfidfConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with scikit-learn 1.2.1 on the committed fixture (tools/fixtures/tfidf_fixture.py): tricky
 * Unicode (x², NFD accents, İstanbul, CJK, emoji, underscores, supplementary letters) under three
 * settings. Vocabulary, idf, every document vector and the top hits must agree.
 */
class SklearnParityTest {
  private static final List<String> DOCS = SklearnFixture.lines(SklearnFixture.resource("fixture_docs.txt"));
  private static final List<String> QUERIES = SklearnFixture.lines(SklearnFixture.resource("fixture_queries.txt"));

  private static TfidfTextIndex fitted(String setting) {
    TfidfConfig config = SklearnFixture.params(SklearnFixture.resource("fixture_" + setting + ".params"));
    assertThat(config.literalQueries()).isTrue();
    var index = new TfidfTextIndex(config);
    index.addAll(SklearnFixture.documents(DOCS));
    return index;
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "bigram", "trigram"})
  void vocabularyAndIdfEqualScikitLearn(String setting) {
    var m = fitted(setting).fittedModel();
    ParityAssertions.assertVocabulary(m, SklearnFixture.vocabulary(SklearnFixture.resource("fixture_" + setting + "_vocab.tsv")), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "bigram", "trigram"})
  void documentVectorsEqualScikitLearn(String setting) {
    var rows = ParityAssertions.rows(fitted(setting).fittedModel());
    int nnz = 0;
    for (String line : SklearnFixture.lines(SklearnFixture.resource("fixture_" + setting + "_rows.tsv"))) {
      String[] f = line.split("\t");
      int doc = Integer.parseInt(f[0]);
      int col = Integer.parseInt(f[1]);
      assertThat(rows.get(doc)).as("row of document %d", doc).isNotNull().containsKey(col);
      assertThat(rows.get(doc).get(col)).as("document %d column %d", doc, col).isCloseTo(Double.parseDouble(f[2]), within(1e-12));
      nnz++;
    }
    assertThat(rows.values().stream().mapToInt(java.util.Map::size).sum()).isEqualTo(nnz);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "bigram", "trigram"})
  void topHitsEqualScikitLearn(String setting) {
    var index = fitted(setting);
    var expected = SklearnFixture.topTsv(SklearnFixture.resource("fixture_" + setting + "_top.tsv"));
    for (int q = 0; q < QUERIES.size(); q++) {
      var result = index.search(QUERIES.get(q), 5);
      var want = expected.getOrDefault(q, List.of());
      ParityAssertions.assertRanking(QUERIES.get(q), result.hits(), want, 5, 1e-6);
      if (want.isEmpty()) {
        assertThat(result.explanation().message()).as("why '%s' finds nothing", QUERIES.get(q)).isNotBlank();
      }
    }
  }
}
