package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.ArtsimException;
import org.artsim.ClosedException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.UnknownProviderException;
import org.artsim.collection.fakes.FakeTextEmbedderProvider;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dense and hybrid text search of a collection whose config names a text embedder (the "test-words" fake). */
class HybridTextSearchTest {
  private static final String[] WORDS = {"sea", "ocean", "boat", "ship", "vessel", "red", "crimson", "harbour", "dusk", "portrait", "vase", "river", "moon"};
  private static final String[] CULTURES = {"dutch", "french", "japanese"};
  private static final int IMAGE_DIM = 3 * 4 * 4 + 3;

  @TempDir Path tmp;

  static CollectionConfig dense() {
    return Fixtures.fakes().withTextEmbedder(ProviderSettings.of("test-words"));
  }

  private static float[] imageVector(SplittableRandom r) {
    float[] v = new float[IMAGE_DIM];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(-1, 1);
    }
    return v;
  }

  private static ArtCollection collection(CollectionConfig config, List<CatalogueRecord> records, SplittableRandom r) {
    var art = ArtCollection.create(config);
    art.addWithVectors(records, records.stream().map(x -> imageVector(r)).toList());
    return art;
  }

  private static List<CatalogueRecord> randomRecords(SplittableRandom r, int n) {
    var out = new ArrayList<CatalogueRecord>();
    for (int i = 0; i < n; i++) {
      var title = new StringBuilder();
      for (int j = 0, len = 1 + r.nextInt(4); j < len; j++) {
        title.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      out.add(CatalogueRecord.of(String.format("w%03d", i), title.toString().trim(), "img-" + i + ".png").withCulture(CULTURES[r.nextInt(CULTURES.length)]));
    }
    return out;
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return dot;
  }

  /** Naive reciprocal rank fusion, written out independently of RankFusion. */
  private static List<String> naiveFusion(List<Hit> a, List<Hit> b, int k) {
    Map<String, Double> score = new HashMap<>();
    for (List<Hit> list : List.of(a, b)) {
      for (int rank = 1; rank <= list.size(); rank++) {
        score.merge(list.get(rank - 1).id(), 1.0 / (60 + rank), Double::sum);
      }
    }
    return score.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -(float) (double) e.getValue()).thenComparing(Map.Entry::getKey))
        .limit(k)
        .map(Map.Entry::getKey)
        .toList();
  }

  @Test
  void denseSearchRanksByTheCosineOfTheTextVectorsAndHybridFusesBothLists() {
    Seeds.stream("collection-hybrid", 10)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              var records = randomRecords(r, 10 + r.nextInt(120));
              try (var art = collection(dense(), records, r)) {
                for (int q = 0; q < 5; q++) {
                  String query = WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? " " + WORDS[r.nextInt(WORDS.length)] : "");
                  LabelFilter filter = r.nextBoolean() ? null : LabelFilter.anyOf("culture", CULTURES[r.nextInt(3)]);
                  int k = 1 + r.nextInt(15);
                  String why = Seeds.reproduce(seed) + " '" + query + "' " + filter + " k " + k;
                  float[] qv = FakeTextEmbedderProvider.vectorOf(query);
                  var denseHits = art.searchText(query, records.size(), filter, TextSearchMode.DENSE).hits();
                  var eligible = records.stream().filter(x -> filter == null || filter.test(x.indexLabels())).toList();
                  assertThat(denseHits).as(why).hasSize(eligible.size());
                  for (int i = 0; i < denseHits.size(); i++) {
                    Hit h = denseHits.get(i);
                    assertThat((double) h.score()).as(why + " " + h.id()).isCloseTo(cosine(qv, FakeTextEmbedderProvider.vectorOf(DenseTextIndex.text(art.record(h.id())))), within(1e-5));
                    if (i > 0) {
                      assertThat(h.score()).as(why + " best first").isLessThanOrEqualTo(denseHits.get(i - 1).score());
                    }
                  }
                  int depth = Math.max(k, TextSearchMode.FUSION_DEPTH);
                  var keyword = art.searchText(query, depth, filter, TextSearchMode.TFIDF).hits();
                  var denseTop = art.searchText(query, depth, filter, TextSearchMode.DENSE).hits();
                  var hybrid = art.searchText(query, k, filter, TextSearchMode.HYBRID);
                  assertThat(ids(hybrid.hits())).as(why).isEqualTo(naiveFusion(keyword, denseTop, k));
                  assertThat(hybrid.explanation().message()).as(why).contains("reciprocal rank fusion (k=60)");
                  assertThat(art.searchText(query, k, filter)).as(why + " hybrid is the default with a text embedder").isEqualTo(hybrid);
                }
              }
            });
  }

  @Test
  void synonymsComeThroughTheDenseIndexAndTyposThroughTheTextIndex() {
    var r = new SplittableRandom(1);
    var records = List.of(CatalogueRecord.of("a", "Sea at dusk", "a.png"), CatalogueRecord.of("b", "Boat in harbour", "b.png"), CatalogueRecord.of("c", "Still life", "c.png"));
    try (var art = collection(dense(), records, r)) {
      assertThat(art.searchText("ocean", 3, null, TextSearchMode.TFIDF).hits()).as("no keyword matches 'ocean'").isEmpty();
      assertThat(ids(art.searchText("ocean", 1, null, TextSearchMode.DENSE).hits())).containsExactly("a");
      assertThat(ids(art.searchText("boaat", 3, null, TextSearchMode.TFIDF).hits())).as("the typo is forgiven").containsExactly("b");
      assertThat(ids(art.searchText("ocean boaat", 2, null).hits())).as("hybrid finds both").containsExactly("b", "a");
      art.update(records.get(2).withTitle("Crimson vessel"), art.vector("c"));
      assertThat(ids(art.searchText("red ship", 1, null, TextSearchMode.DENSE).hits())).as("an update is re-embedded").containsExactly("c");
      assertThat(art.remove("a")).isTrue();
      assertThat(ids(art.searchText("ocean", 3, null, TextSearchMode.DENSE).hits())).doesNotContain("a");
      assertThat(ids(art.searchText("ocean", 3, null, TextSearchMode.HYBRID).hits())).doesNotContain("a");
    }
  }

  @Test
  void aSavedCollectionRebuildsItsDenseIndexAndAnswersIdentically() {
    var r = new SplittableRandom(2);
    var records = randomRecords(r, 60);
    try (var art = collection(dense(), records, r)) {
      art.remove("w007");
      art.save(tmp.resolve("saved"));
      try (var loaded = ArtCollection.load(tmp.resolve("saved"))) {
        assertThat(loaded.config().textEmbedder().provider()).isEqualTo("test-words");
        for (String q : List.of("sea boat", "crimson", "moon river vase", "portrat")) {
          for (TextSearchMode mode : TextSearchMode.values()) {
            assertThat(loaded.searchText(q, 7, null, mode)).as(q + " " + mode).isEqualTo(art.searchText(q, 7, null, mode));
          }
        }
      }
    }
  }

  @Test
  void withoutATextEmbedderSearchesAreKeywordOnlyAndDenseModesSayWhatToAdd() {
    var r = new SplittableRandom(3);
    try (var art = collection(Fixtures.fakes(), randomRecords(r, 10), r)) {
      assertThat(art.searchText("sea", 5, null)).isEqualTo(art.searchText("sea", 5, null, TextSearchMode.TFIDF));
      for (TextSearchMode mode : List.of(TextSearchMode.DENSE, TextSearchMode.HYBRID)) {
        assertThatThrownBy(() -> art.searchText("sea", 5, null, mode))
            .isInstanceOf(ArtsimException.class)
            .hasMessageStartingWith("dense text search (" + mode + ") needs a text embedder, and this collection has none;")
            .hasMessageContaining("withTextEmbedder");
      }
      assertThatThrownBy(() -> art.searchText("sea", 5, null, null)).isInstanceOf(InvalidArgumentException.class).hasMessage("mode is null; give a non-null mode");
    }
  }

  @Test
  void aTextEmbedderThatIsMissingOrEmbedsNoTextIsRefusedAtCreation() {
    assertThatThrownBy(() -> ArtCollection.create(Fixtures.fakes().withTextEmbedder(ProviderSettings.of("test-image"))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("text embedder 'test-image' does not embed texts");
    assertThatThrownBy(() -> ArtCollection.create(Fixtures.fakes().withTextEmbedder(ProviderSettings.of("nosuch-words"))))
        .isInstanceOf(UnknownProviderException.class)
        .hasMessageContaining("text embedder 'nosuch-words' is not installed");
  }

  @Test
  void theConfigReadsTheTextEmbedderFromSettings() {
    assertThat(CollectionConfig.defaults().denseTextSearch()).isFalse();
    var parsed = CollectionConfig.parse(Map.of("text_embedder", "minilm"));
    assertThat(parsed.textEmbedder().provider()).isEqualTo("minilm");
    assertThat(parsed.denseTextSearch()).isTrue();
  }

  @Test
  void afterCloseTextSearchInEveryModeIsAClosedException() {
    var r = new SplittableRandom(4);
    var art = collection(dense(), randomRecords(r, 5), r);
    art.close();
    for (TextSearchMode mode : TextSearchMode.values()) {
      assertThatThrownBy(() -> art.searchText("sea", 3, null, mode)).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
    }
    assertThatThrownBy(() -> art.searchText("sea", 3, null)).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
  }
}
