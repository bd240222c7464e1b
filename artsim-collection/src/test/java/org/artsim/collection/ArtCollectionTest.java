package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.artsim.DuplicateIdException;
import org.artsim.EmbeddingException;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.UnknownIdException;
import org.artsim.UnknownProviderException;
import org.artsim.analysis.ImageQuality;
import org.artsim.analysis.Scored;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtCollectionTest {
  @TempDir static Path dir;
  static ArtCollection art;

  @BeforeAll
  static void setUp() {
    art = Fixtures.ingested(dir, 120);
  }

  @AfterAll
  static void tearDown() {
    art.close();
  }

  @Test
  void similarToExcludesItselfAndIsBestFirst() {
    for (String id : List.of("w-0001", "w-0010", "w-0077")) {
      List<Hit> hits = art.similarTo(id, 10);
      assertThat(hits).hasSize(10).extracting(Hit::id).doesNotContain(id);
      for (int i = 1; i < hits.size(); i++) {
        assertThat(hits.get(i - 1).score()).isGreaterThanOrEqualTo(hits.get(i).score());
      }
    }
  }

  @Test
  void labelConditionedMatchesAllCarryTheLabelAndRankVisualNeighboursFirst() {
    var egyptian = LabelFilter.anyOf("culture", "egyptian");
    List<Hit> hits = art.similarTo("w-0000", 5, egyptian);
    assertThat(hits).hasSize(5).allSatisfy(h -> assertThat(h.label("culture")).isEqualTo("egyptian"));
    var expected = art.index().search(art.vector("w-0000"), 200).stream().filter(h -> egyptian.test(h.labels()) && !h.id().equals("w-0000")).limit(5).map(Hit::id).toList();
    assertThat(hits).extracting(Hit::id).containsExactlyElementsOf(expected);
  }

  @Test
  void visualNeighboursMostlyShareTheCultureOrTheClassification() {
    int same = 0;
    int total = 0;
    for (CatalogueRecord r : art.records()) {
      for (Hit h : art.similarTo(r.id(), 5)) {
        CatalogueRecord o = art.record(h.id());
        total++;
        if (o.culture().equals(r.culture()) || o.classification().equals(r.classification())) {
          same++;
        }
      }
    }
    // chance level for "same culture or same classification" on this data is about 0.42
    assertThat((double) same / total).isGreaterThan(0.7);
  }

  @Test
  void matchesPerLabelGivesOneListPerValueInOrder() {
    Map<String, List<Hit>> m = art.matchesPerLabel("w-0003", "culture", List.of("japanese", "french", "atlantis"), 2);
    assertThat(m.keySet()).containsExactly("japanese", "french", "atlantis");
    assertThat(m.get("japanese")).hasSize(2).allSatisfy(h -> assertThat(h.label("culture")).isEqualTo("japanese"));
    assertThat(m.get("french")).hasSize(2).allSatisfy(h -> assertThat(h.label("culture")).isEqualTo("french"));
    assertThat(m.get("atlantis")).isEmpty();
    assertThat(art.matchesPerLabel("w-0003", "classification", 1).keySet()).containsExactly("ceramics", "painting", "print", "textile");
  }

  @Test
  void textSearchFindsWordsAndGoesThroughTheTextIndex() {
    var result = art.searchText("cranes", 50);
    assertThat(result.hits()).isNotEmpty().allSatisfy(h -> assertThat(art.record(h.id()).description()).contains("cranes"));
    var typo = art.searchText("crnes", 50);
    assertThat(typo.explanation().rewrites()).isNotEmpty();
    assertThat(typo.hits()).extracting(Hit::id).containsExactlyElementsOf(result.hits().stream().map(Hit::id).toList());
    var filtered = art.searchText("vase", 50, LabelFilter.anyOf("culture", "dutch"));
    assertThat(filtered.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.label("culture")).isEqualTo("dutch"));
  }

  @Test
  void searchByAnImageOutsideTheCollectionFindsItsCulture() {
    var image = SampleCatalogue.drawNew("mexican", "textile", 99);
    List<Hit> hits = art.searchImage(org.artsim.ImageSource.of(image), 5, null);
    long mexican = hits.stream().filter(h -> "mexican".equals(h.label("culture"))).count();
    assertThat(mexican).isGreaterThanOrEqualTo(3);
    Path png = dir.resolve("query.png");
    org.artsim.collection.view.ContactSheet.write(image, png);
    assertThat(art.searchImage(png, 5)).isEqualTo(hits);
    assertThat(art.searchImage(org.artsim.ImageSource.of(png.toUri()), 5, LabelFilter.none())).isEqualTo(hits);
  }

  @Test
  void autoIndexMovesToHnswPastTheThresholdAndSavesAndLoadsIt() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        org.artsim.spi.ProviderRegistry.of(org.artsim.spi.VectorIndexProvider.class).find("hnsw-lucene").isPresent(), "hnsw-lucene is not installed");
    try (var c = ArtCollection.create(Fixtures.fakes().withAutoIndex(AutoIndex.defaults().withThreshold(10)))) {
      var first = art.records().subList(0, 9);
      c.addWithVectors(first, first.stream().map(r -> art.vector(r.id())).toList());
      assertThat(c.index().kind()).isEqualTo("flat");
      var more = art.records().subList(9, 30);
      c.addWithVectors(more, more.stream().map(r -> art.vector(r.id())).toList());
      assertThat(c.index().kind()).isEqualTo("hnsw-lucene");
      assertThat(c.index().size()).isEqualTo(30);
      assertThat(c.similarTo("w-0001", 3)).hasSize(3).extracting(Hit::id).doesNotContain("w-0001");
      c.save(dir.resolve("hnsw-saved"));
      try (var loaded = ArtCollection.load(dir.resolve("hnsw-saved"))) {
        assertThat(loaded.index().kind()).isEqualTo("hnsw-lucene");
        assertThat(loaded.similarTo("w-0001", 3)).isEqualTo(c.similarTo("w-0001", 3));
      }
    }
  }

  @Test
  void addUpdateRemoveKeepIndexesInStep() {
    var c = ArtCollection.create(Fixtures.fakes());
    CatalogueRecord r = art.record("w-0005");
    c.add(r);
    assertThat(c.size()).isEqualTo(1);
    assertThatThrownBy(() -> c.add(r))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessage("a record with id 'w-0005' is already in the collection; use update to replace it");
    c.add(art.record("w-0006"));
    c.update(r.withTitle("Renamed kettle").withCulture("atlantean"));
    assertThat(c.record("w-0005").title()).isEqualTo("Renamed kettle");
    assertThat(c.similarTo("w-0006", 1, LabelFilter.anyOf("culture", "atlantean"))).extracting(Hit::id).containsExactly("w-0005");
    assertThat(c.searchText("kettle", 5).hits()).extracting(Hit::id).containsExactly("w-0005");
    assertThat(c.remove("w-0005")).isTrue();
    assertThat(c.remove("w-0005")).isFalse();
    assertThat(c.searchText("kettle", 5).hits()).isEmpty();
    assertThat(c.index().size()).isEqualTo(1);
    assertThatThrownBy(() -> c.record("w-0005")).isInstanceOf(UnknownIdException.class).hasMessageContaining("no record with id 'w-0005'");
    assertThatThrownBy(() -> c.similarTo("nope", 3)).isInstanceOf(UnknownIdException.class);
    assertThatThrownBy(() -> c.add(CatalogueRecord.of("x", "missing", dir.resolve("nothing.png").toString())))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("no image file at");
    assertThat(c.size()).isEqualTo(1);
    c.close();
  }

  @Test
  void addAllReportsFailuresAndAddsTheRest() {
    var c = ArtCollection.create(Fixtures.fakes());
    var result =
        c.addAll(
            List.of(art.record("w-0001"), CatalogueRecord.of("bad", "broken", dir.resolve("none.png").toString()), art.record("w-0001"), art.record("w-0002")),
            org.artsim.ProgressListener.NONE);
    assertThat(result.added()).containsExactly("w-0001", "w-0002");
    assertThat(result.failed()).containsOnlyKeys("w-0001", "bad");
    assertThat(c.size()).isEqualTo(2);
    c.close();
  }

  @Test
  void recommendationsMoveTowardTheLikes() {
    var session = art.newSession();
    List<String> liked = art.records().stream().filter(r -> r.culture().equals("french") && r.classification().equals("textile")).map(CatalogueRecord::id).limit(3).toList();
    liked.forEach(session::like);
    var recs = session.recommend(5);
    assertThat(recs.hits()).hasSize(5).extracting(Hit::id).doesNotContainAnyElementsOf(liked);
    long french = recs.hits().stream().filter(h -> "french".equals(h.label("culture"))).count();
    assertThat(french).isGreaterThanOrEqualTo(3);
  }

  @Test
  void clustersAreDeterministicAndCoverEveryRecord() {
    var a = art.analysis().clusters(6, 1);
    var b = art.analysis().clusters(6, 1);
    assertThat(a).isEqualTo(b);
    assertThat(a.clusters()).hasSize(6);
    assertThat(a.clusters().stream().mapToInt(x -> x.size()).sum()).isEqualTo(art.size());
    assertThat(a.clusters()).allSatisfy(cl -> assertThat(cl.members()).contains(cl.medoid()));
  }

  @Test
  void uniquenessPeaksAtOneAndCopiesAreLeastUnique() {
    Map<String, Double> u = art.analysis().uniqueness();
    assertThat(u).hasSize(art.size());
    assertThat(u.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    assertThat(u.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isEqualTo(1.0);
    List<Scored> leastHalf = art.analysis().leastUnique(art.size() / 2);
    var copies = art.records().stream().filter(r -> r.fields().containsKey("copy_of")).toList();
    assertThat(copies).hasSize(2);
    for (CatalogueRecord copy : copies) {
      assertThat(leastHalf).extracting(Scored::id).contains(copy.id(), copy.fields().get("copy_of"));
    }
    assertThat(art.analysis().leastUnique(1).get(0).score()).isLessThan(art.analysis().mostUnique(art.size()).get(art.size() / 2).score());
    assertThat(art.analysis().mostUnique(1).get(0).score()).isEqualTo(1.0);
    assertThat(art.analysis().meanPerLabel(u, "culture")).hasSize(6);
  }

  @Test
  void nearDuplicatesAreTheGeneratedCopies() {
    var groups = art.analysis().duplicates(0.0005);
    var copies = art.records().stream().filter(r -> r.fields().containsKey("copy_of")).toList();
    assertThat(groups).hasSize(copies.size());
    for (CatalogueRecord copy : copies) {
      assertThat(groups).anySatisfy(g -> {
        assertThat(g.kept()).isEqualTo(copy.fields().get("copy_of"));
        assertThat(g.duplicates()).containsExactly(copy.id());
      });
    }
  }

  @Test
  void qualitySortingOrdersByTheMeasure() {
    List<Scored> bright = art.analysis().sortByQuality(ImageQuality.Measure.BRIGHTNESS, true);
    assertThat(bright).hasSize(art.size());
    for (int i = 1; i < bright.size(); i++) {
      assertThat(bright.get(i - 1).score()).isGreaterThanOrEqualTo(bright.get(i).score());
    }
    var meter = org.artsim.Artsim.imageQualityMeter("test-quality");
    for (Scored s : bright) {
      assertThat(s.score()).isEqualTo(meter.measure(art.readImage(s.id())).brightness());
    }
  }

  @Test
  void aMissingEmbedderIsAClearError() {
    assertThatThrownBy(() -> ArtCollection.create(Fixtures.fakes().withEmbedder(ProviderSettings.of("nosuch"))))
        .isInstanceOf(UnknownProviderException.class)
        .hasMessageContaining("the collection's embedder 'nosuch' is not installed")
        .hasMessageContaining("or pass an ImageEmbedder to ArtCollection.builder().embedder(...)");
  }

  @Test
  void aMissingTextIndexSwitchesTextSearchOffWithAClearError() {
    var c = ArtCollection.create(Fixtures.fakes().withTextIndex(ProviderSettings.of("nosuch-text")));
    assertThat(c.textIndex()).isEmpty();
    assertThatThrownBy(() -> c.searchText("vase", 3))
        .hasMessage("text search is off for this collection: no text index 'nosuch-text' is installed; add org.artsim:artsim-text for 'tfidf'");
    c.close();
  }

  @Test
  void toStringIsOneLine() {
    assertThat(art.toString()).startsWith("ArtCollection[size=120, embedder=test-image[grid-mean-colour, dim=51, {grid=4}], index=flat, text=test-text").doesNotContain("\n");
  }
}
